{#- The one rule for late data (D72): a source's data reaches a week when it
    was loaded on or after the week's Sunday 00:00 UTC. A load during the
    last day is enough to compute that Sunday's snapshot (ARR, open
    pipeline) from what landed; stale_sources still flags the week until a
    load at or after the week end. A week the data does not reach is not
    measured: null with a reason, never zero. -#}
{% macro data_reaches_week(last_load_at, week_end_date) -%}
    ({{ last_load_at }} >= cast({{ week_end_date }} as {{ dbt.type_timestamp() }}))
{%- endmacro %}

{#- A load instant as words for a reason column: 2026-03-01 06:00 UTC. -#}
{% macro load_instant_text(timestamp_expression) -%}
    {{ return(adapter.dispatch('load_instant_text', 'revops')(timestamp_expression)) }}
{%- endmacro %}

{% macro default__load_instant_text(timestamp_expression) -%}
    to_char({{ timestamp_expression }}, 'YYYY-MM-DD HH24:MI') || ' UTC'
{%- endmacro %}

{% macro duckdb__load_instant_text(timestamp_expression) -%}
    strftime({{ timestamp_expression }}, '%Y-%m-%d %H:%M') || ' UTC'
{%- endmacro %}

{% macro spark__load_instant_text(timestamp_expression) -%}
    concat(date_format({{ timestamp_expression }}, 'yyyy-MM-dd HH:mm'), ' UTC')
{%- endmacro %}
