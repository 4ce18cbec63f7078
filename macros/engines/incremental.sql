{#- How an incremental model replaces the rows of the keys a run rebuilds
    (fct_pipeline_weekly: the weeks of the lookback window). delete+insert
    where the engine has it; on Spark's plain Parquet tables (no merge, no
    delete) the table is partitioned by the key and insert_overwrite
    replaces exactly the partitions the run wrote. -#}
{% macro replace_by_key_strategy() -%}
    {{ return(adapter.dispatch('replace_by_key_strategy', 'revops')()) }}
{%- endmacro %}

{% macro default__replace_by_key_strategy() -%}
    {{ return('delete+insert') }}
{%- endmacro %}

{% macro spark__replace_by_key_strategy() -%}
    {{ return('insert_overwrite') }}
{%- endmacro %}

{#- The partitioning that goes with it: none, or the key on Spark. -#}
{% macro replace_by_key_partitions(key_column) -%}
    {{ return(adapter.dispatch('replace_by_key_partitions', 'revops')(key_column)) }}
{%- endmacro %}

{% macro default__replace_by_key_partitions(key_column) -%}
    {{ return(none) }}
{%- endmacro %}

{% macro spark__replace_by_key_partitions(key_column) -%}
    {{ return([key_column]) }}
{%- endmacro %}
