{#- The materialisation of a model that is incremental by key: a run deletes
    the rows of the keys it rebuilds and inserts them again (delete+insert).
    DuckDB and PostgreSQL do that. Spark's plain Parquet tables can neither
    delete nor merge (only append, or overwrite whole partitions), so on
    Spark these models are tables rebuilt on every run: the same rows, the
    incremental saving given up (DECISIONLOG D66). -#}
{% macro keyed_incremental_materialization() -%}
    {{ return(adapter.dispatch('keyed_incremental_materialization', 'revops')()) }}
{%- endmacro %}

{% macro default__keyed_incremental_materialization() -%}
    {{ return('incremental') }}
{%- endmacro %}

{% macro spark__keyed_incremental_materialization() -%}
    {{ return('table') }}
{%- endmacro %}
