{#- Tolerant parsing of landed values. Every raw value is read as text first,
    so the same macro works whether the loader typed the column or landed a
    CSV string. A non-blank value that cannot be parsed quarantines its row
    (macros/staging/quarantine.sql); revops/quality/parsing.py mirrors the
    duckdb__ versions for the quality gate. -#}

{% macro parse_value(expression, logical_type) -%}
    {%- set kind = (logical_type or 'text') | lower -%}
    {%- if kind == 'text' -%} {{ revops.parse_text(expression) }}
    {%- elif kind == 'integer' -%} {{ revops.parse_integer(expression) }}
    {%- elif kind == 'numeric' -%} {{ revops.parse_numeric(expression) }}
    {%- elif kind == 'boolean' -%} {{ revops.parse_boolean(expression) }}
    {%- elif kind == 'timestamp' -%} {{ revops.parse_timestamp(expression) }}
    {%- elif kind == 'date' -%} {{ revops.parse_date(expression) }}
    {%- else -%}
        {{ exceptions.raise_compiler_error("parse_value: unknown logical type '" ~ logical_type ~ "' for " ~ expression) }}
    {%- endif -%}
{%- endmacro %}

{#- Text: trimmed, blank is null. -#}
{% macro parse_text(expression) -%}
    nullif(trim(cast({{ expression }} as {{ dbt.type_string() }})), '')
{%- endmacro %}

{#- Booleans arrive as true/false, t/f, yes/no or 1/0; blank is null (callers
    decide what a blank means). -#}
{% macro parse_boolean(expression) -%}
    case
        when lower({{ revops.parse_text(expression) }}) in ('true', 't', '1', 'yes', 'y', '1.0') then true
        when lower({{ revops.parse_text(expression) }}) in ('false', 'f', '0', 'no', 'n', '0.0') then false
    end
{%- endmacro %}

{% macro parse_integer(expression) -%}
    {{ return(adapter.dispatch('parse_integer', 'revops')(expression)) }}
{%- endmacro %}

{% macro default__parse_integer(expression) -%}
    case
        when {{ revops.parse_text(expression) }} ~ '^[+-]?[0-9]+(\.0+)?$'
            then cast(cast({{ revops.parse_text(expression) }} as {{ dbt.type_numeric() }}) as {{ dbt.type_bigint() }})
    end
{%- endmacro %}

{% macro duckdb__parse_integer(expression) -%}
    try_cast(try_cast({{ revops.parse_text(expression) }} as decimal(38, 6)) as bigint)
{%- endmacro %}

{% macro parse_numeric(expression) -%}
    {{ return(adapter.dispatch('parse_numeric', 'revops')(expression)) }}
{%- endmacro %}

{% macro default__parse_numeric(expression) -%}
    case
        when {{ revops.parse_text(expression) }} ~ '^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$'
            then cast({{ revops.parse_text(expression) }} as {{ revops.type_money() }})
    end
{%- endmacro %}

{% macro duckdb__parse_numeric(expression) -%}
    try_cast({{ revops.parse_text(expression) }} as {{ revops.type_money() }})
{%- endmacro %}

{#- Money and other measured amounts: exact decimals, so sums do not depend
    on the order in which a parallel engine adds them. -#}
{% macro type_money() -%}
    decimal(38, 6)
{%- endmacro %}

{#- Timestamps: with or without an offset ('Z', '+02:00'), or a bare date
    (midnight). Always returned as a timestamp without time zone, in UTC. -#}
{% macro parse_timestamp(expression) -%}
    {{ return(adapter.dispatch('parse_timestamp', 'revops')(expression)) }}
{%- endmacro %}

{% macro default__parse_timestamp(expression) -%}
    case
        when {{ revops.parse_text(expression) }} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?)? ?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?$'
            then cast(cast({{ revops.parse_text(expression) }} as timestamp with time zone) at time zone 'UTC' as timestamp)
    end
{%- endmacro %}

{% macro duckdb__parse_timestamp(expression) -%}
    {#- A plain cast to TIMESTAMP drops the offset: go through TIMESTAMPTZ
        (the session time zone is UTC, so offset-less values stay as they are). -#}
    cast(timezone('UTC', try_cast({{ revops.parse_text(expression) }} as timestamptz)) as timestamp)
{%- endmacro %}

{% macro parse_date(expression) -%}
    cast({{ revops.parse_timestamp(expression) }} as date)
{%- endmacro %}

{#- Spark (ANSI mode): try_cast gives null where a plain cast would raise.
    A string with an offset or 'Z' is read as that instant; the session
    time zone is UTC, so the timestamp holds UTC wall-clock time. -#}
{% macro spark__parse_integer(expression) -%}
    cast(try_cast({{ revops.parse_text(expression) }} as decimal(38, 6)) as bigint)
{%- endmacro %}

{% macro spark__parse_numeric(expression) -%}
    try_cast({{ revops.parse_text(expression) }} as {{ revops.type_money() }})
{%- endmacro %}

{% macro spark__parse_timestamp(expression) -%}
    try_cast({{ revops.parse_text(expression) }} as timestamp)
{%- endmacro %}
