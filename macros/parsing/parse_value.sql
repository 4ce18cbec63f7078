{#- Tolerant parsing of landed values. Every raw value is read as text first,
    so the same macro works whether the loader typed the column or landed a
    CSV string. A non-blank value that cannot be parsed quarantines its row
    (macros/staging/quarantine.sql); revops/quality/parsing.py mirrors the
    DuckDB forms for the quality gate. -#}

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

{#- One grammar per logical type, the same on every engine (and in the
    quality gate): a value that does not match is malformed, never rounded
    or guessed. Character classes instead of backslashes, which Spark's
    string literals would eat. tests/python/parse_cases.py spells out what
    each grammar accepts. -#}
{% macro integer_pattern() -%}
    ^[+-]?[0-9]+([.]0+)?$
{%- endmacro %}

{% macro numeric_pattern() -%}
    ^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$
{%- endmacro %}

{#- A date, optionally a time of day (seconds and fraction optional), then
    optionally 'Z' or an offset: 2026-11-23, 2026-11-23 06:00,
    2026-11-23T08:00:00.25+02:00. -#}
{% macro timestamp_pattern() -%}
    ^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?)? ?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?$
{%- endmacro %}

{#- An integer: the grammar, then through an exact decimal ('12.0' is 12). -#}
{% macro parse_integer(expression) -%}
    case
        when {{ revops.matches_pattern(revops.parse_text(expression), revops.integer_pattern()) }}
            then cast(cast({{ revops.parse_text(expression) }} as decimal(38, 6)) as {{ dbt.type_bigint() }})
    end
{%- endmacro %}

{% macro parse_numeric(expression) -%}
    case
        when {{ revops.matches_pattern(revops.parse_text(expression), revops.numeric_pattern()) }}
            then cast({{ revops.parse_text(expression) }} as {{ revops.type_money() }})
    end
{%- endmacro %}

{#- Money and other measured amounts: exact decimals, so sums do not depend
    on the order in which a parallel engine adds them. -#}
{% macro type_money() -%}
    decimal(38, 6)
{%- endmacro %}

{#- Timestamps: with or without an offset ('Z', '+02:00'), or a bare date
    (midnight). Always returned as a timestamp without time zone, in UTC. A
    value in the grammar that is no real instant (2026-02-30) is null too:
    each engine's cast that cannot fail does the calendar check. -#}
{% macro parse_timestamp(expression) -%}
    case
        when {{ revops.matches_pattern(revops.parse_text(expression), revops.timestamp_pattern()) }}
            then {{ revops.cast_timestamp_utc(revops.parse_text(expression)) }}
    end
{%- endmacro %}

{% macro cast_timestamp_utc(text) -%}
    {{ return(adapter.dispatch('cast_timestamp_utc', 'revops')(text)) }}
{%- endmacro %}

{#- PostgreSQL: a cast of an impossible date raises, so a function created by
    the on-run-start hook (revops.prepare_warehouse) catches it. -#}
{% macro default__cast_timestamp_utc(text) -%}
    {{ target.schema }}.revops_timestamp_utc({{ text }})
{%- endmacro %}

{#- DuckDB: a plain cast to TIMESTAMP drops the offset, so through
    TIMESTAMPTZ (the session time zone is UTC). -#}
{% macro duckdb__cast_timestamp_utc(text) -%}
    cast(timezone('UTC', try_cast({{ text }} as timestamptz)) as timestamp)
{%- endmacro %}

{#- Spark (ANSI mode): try_cast gives null where a plain cast would raise; a
    string with an offset or 'Z' is read as that instant, and the session
    time zone is UTC. -#}
{% macro spark__cast_timestamp_utc(text) -%}
    try_cast({{ text }} as timestamp)
{%- endmacro %}

{#- Whether a text matches a regular expression anchored with ^ and $. -#}
{% macro matches_pattern(text, pattern) -%}
    {{ return(adapter.dispatch('matches_pattern', 'revops')(text, pattern)) }}
{%- endmacro %}

{% macro default__matches_pattern(text, pattern) -%}
    ({{ text }} ~ '{{ pattern }}')
{%- endmacro %}

{% macro duckdb__matches_pattern(text, pattern) -%}
    regexp_matches({{ text }}, '{{ pattern }}')
{%- endmacro %}

{% macro spark__matches_pattern(text, pattern) -%}
    ({{ text }} rlike '{{ pattern }}')
{%- endmacro %}

{% macro parse_date(expression) -%}
    cast({{ revops.parse_timestamp(expression) }} as date)
{%- endmacro %}
