{#- Custom schemas are used as they are (raw_salesforce, staging, marts), not
    prefixed with the target schema, so BI users and the raw landing see
    stable names. A target can still isolate itself with REVOPS_SCHEMA_PREFIX. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- set prefix = env_var('REVOPS_SCHEMA_PREFIX', '') -%}
    {%- if custom_schema_name is none -%}
        {{ prefix ~ target.schema }}
    {%- else -%}
        {{ prefix ~ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
