{#- Materialised: the quality gate reads it once per run, and counting reads
    every landed row. -#}
{{ config(materialized='table') }}

{{ revops.row_rule_outcomes() }}
