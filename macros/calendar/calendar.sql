{#- ISO week helpers: one definition of the week key used everywhere. Weeks are
    half-open [Monday 00:00, next Monday 00:00) UTC and named like 2026-W47. -#}

{% macro iso_week_key(date_expression) -%}
    {{ return(adapter.dispatch('iso_week_key', 'revops')(date_expression)) }}
{%- endmacro %}

{% macro default__iso_week_key(date_expression) -%}
    to_char({{ date_expression }}, 'IYYY-"W"IW')
{%- endmacro %}

{% macro duckdb__iso_week_key(date_expression) -%}
    strftime({{ date_expression }}, '%G-W%V')
{%- endmacro %}

{#- Monday of the ISO week holding the date. -#}
{% macro iso_week_start(date_expression) -%}
    cast({{ dbt.date_trunc('week', date_expression) }} as date)
{%- endmacro %}

{#- Whole days from one date to another (to minus from). -#}
{% macro days_between(from_date, to_date) -%}
    {{ dbt.datediff(from_date, to_date, 'day') }}
{%- endmacro %}

{#- The exclusive end date of a target period starting on period_start. -#}
{% macro period_end(period_start, period_type) -%}
    case {{ period_type }}
        when 'week' then {{ dbt.dateadd('day', 7, period_start) }}
        when 'month' then {{ dbt.dateadd('month', 1, period_start) }}
        when 'quarter' then {{ dbt.dateadd('month', 3, period_start) }}
    end
{%- endmacro %}

{#- Spark has no ISO week-year pattern: the ISO year is the year of the
    week's Thursday (weekday(): Monday 0), weekofyear() is the ISO week. -#}
{% macro spark__iso_week_key(date_expression) -%}
    concat(
        cast(year(date_add({{ date_expression }}, 3 - weekday({{ date_expression }}))) as string),
        '-W',
        lpad(cast(weekofyear({{ date_expression }}) as string), 2, '0')
    )
{%- endmacro %}
