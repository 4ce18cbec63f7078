{#- Warns with one row per landed value that seeds/reference/picklist_mapping.csv
    does not map (its rows take the concept 'other'); the run log names the value,
    its rows and the seed file. More than var('quality_critical_percent') of the
    column's rows unmapped is an error that names the seed file. -#}
{% test known_picklist_value(model, column_name, source_system, source_table, source_column) %}
    {{ config(severity='warn') }}
    {%- set sql = revops.unknown_picklist_values_sql(model, column_name, source_system, source_table, source_column) -%}
    {%- if execute and load_relation(model) is not none -%}
        {%- do revops.report_unknown_picklist_values(sql, source_system, source_table, source_column) -%}
    {%- endif -%}
    {{ sql }}
{% endtest %}
