"""Developer tools beside the runtime package: the demo data generator
(`revops generate`) and the benchmark (`revops bench`).

Nothing in `revops` imports this package except those two commands, and only
when they run: a weekly run, the gate and the scorecard never load the
generator's numpy world or the benchmark.
"""
