{#- Source test: every non-blank landed value of a typed column parses to its
    declared type. Fails with one row per unparseable value, naming the
    column, so the message says table, column and a sample of rows. -#}
{% test landed_values_parse(model) %}
{%- set node = revops.source_node_for_relation(model) if execute else none -%}
{{ config(store_failures=true) }}
{%- if execute -%}
    {%- set landed = adapter.get_columns_in_relation(model) | map(attribute='name') | map('lower') | list -%}
    {%- set checks = [] -%}
    {%- for column_name, column in node.columns.items() -%}
        {%- if (column.data_type or 'text') != 'text' and column_name | lower in landed -%}
            {%- do checks.append(column) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if checks | length == 0 %}
select cast(null as {{ dbt.type_string() }}) as column_name, cast(null as {{ dbt.type_string() }}) as landed_value
where 1 = 0
    {%- endif %}
    {%- for column in checks %}
select
    '{{ column.name }}' as column_name,
    {{ revops.parse_text(adapter.quote(column.name)) }} as landed_value
from {{ model }}
where {{ revops.parse_text(adapter.quote(column.name)) }} is not null
    and {{ revops.parse_value(adapter.quote(column.name), column.data_type) }} is null
{{ "union all" if not loop.last }}
    {%- endfor %}
{%- else %}
select 1 as column_name, 1 as landed_value
{%- endif %}
{% endtest %}
