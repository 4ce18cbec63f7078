"""Benchmark the warehouse build at several scales: `python scripts/benchmark.py --scales 1 10 50`.

A thin wrapper over `revops bench` (see revops_dev.bench for what is measured).
"""

import sys

from revops.cli import main

if __name__ == "__main__":
    sys.exit(main(["bench", *sys.argv[1:]]))
