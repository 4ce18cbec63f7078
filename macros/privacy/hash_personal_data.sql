{#- A one-way pseudonym for personal data (emails) in the models BI reads:
    the hex SHA-256 of the value, the same on every engine, so BI can still
    count and join on it. The clear value lives only in restricted models. -#}
{% macro hash_personal_data(expression) -%}
    {{ return(adapter.dispatch('hash_personal_data', 'revops')(expression)) }}
{%- endmacro %}

{% macro default__hash_personal_data(expression) -%}
    encode(sha256(convert_to({{ expression }}, 'UTF8')), 'hex')
{%- endmacro %}

{% macro duckdb__hash_personal_data(expression) -%}
    sha256({{ expression }})
{%- endmacro %}

{% macro spark__hash_personal_data(expression) -%}
    sha2({{ expression }}, 256)
{%- endmacro %}
