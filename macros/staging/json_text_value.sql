{#- The text value of a top-level key of a JSON object held in a text column
    (e.g. Stripe `metadata`). Nested keys are not searched. Null when the
    value is null, blank, not valid JSON, not an object, or lacks the key:
    a malformed value must never fail the build. Blank results are null. -#}
{% macro json_text_value(expression, key) -%}
    {{ return(adapter.dispatch('json_text_value', 'revops')(expression, key)) }}
{%- endmacro %}

{#- PostgreSQL 16+: the `is json object` predicate guards the cast, which
    would otherwise raise on invalid JSON. -#}
{% macro default__json_text_value(expression, key) -%}
    nullif(trim(
        case
            when ({{ expression }}) is json object
                then cast({{ expression }} as json) ->> '{{ key }}'
        end
    ), '')
{%- endmacro %}

{% macro duckdb__json_text_value(expression, key) -%}
    nullif(trim(json_extract_string(try_cast({{ expression }} as json), '$."{{ key }}"')), '')
{%- endmacro %}

{#- Spark: get_json_object returns null for invalid JSON. -#}
{% macro spark__json_text_value(expression, key) -%}
    nullif(trim(get_json_object({{ expression }}, '$.{{ key }}')), '')
{%- endmacro %}

{#- PostgreSQL 15 has no `is json` predicate: revops_json_object (created by
    the on-run-start hook prepare_warehouse) returns the parsed object, or
    null for invalid JSON and non-objects. -#}
{% macro postgres__json_text_value(expression, key) -%}
    nullif(trim({{ target.schema }}.revops_json_object({{ expression }}) ->> '{{ key }}'), '')
{%- endmacro %}
