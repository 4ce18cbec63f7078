{#- A set-returning expression with one row per element of a delimited text
    list (Zendesk domain_names, HubSpot merged vids). Use it alone in the
    select list of its own CTE; elements are not trimmed. -#}
{% macro explode_list(expression, delimiter) -%}
    {{ return(adapter.dispatch('explode_list', 'revops')(expression, delimiter)) }}
{%- endmacro %}

{#- PostgreSQL -#}
{% macro default__explode_list(expression, delimiter) -%}
    unnest(string_to_array({{ expression }}, {{ delimiter }}))
{%- endmacro %}

{% macro duckdb__explode_list(expression, delimiter) -%}
    unnest(string_split({{ expression }}, {{ delimiter }}))
{%- endmacro %}

{#- Spark's split takes a regular expression: fine for ',' and ';', which
    are not metacharacters. -#}
{% macro spark__explode_list(expression, delimiter) -%}
    explode(split({{ expression }}, {{ delimiter }}))
{%- endmacro %}
