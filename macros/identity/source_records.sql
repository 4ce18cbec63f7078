{#- The id of one staged record across all tools, '<system>_<table>:<id>'
    (e.g. 'hubspot_contact:42'): person_record_id and account_record_id are
    built the same way, so overrides, bridges and reports read either. -#}
{% macro source_record_key(
    source_system='source_system',
    source_table='source_table',
    source_record_id='source_record_id'
) -%}
    {{ dbt.concat([
        source_system, "'_'", source_table, "':'",
        "cast(" ~ source_record_id ~ " as " ~ dbt.type_string() ~ ")"
    ]) }}
{%- endmacro %}

{#- Stacks several staged tables in one shape (`union all`, one select per
    table), so each identity model says only what each source has instead of
    repeating the whole column list per table. A source is a dict: system,
    table, from (the relation), id (the record id expression) and, if any,
    columns (output name -> expression). Each select gives source_system,
    source_table, source_record_id, then the shared_columns (taken by name),
    then the optional_columns (name -> type; a typed null where the source
    has no expression). A source's columns may also override a shared one.
    A macro rather than a loop in the model: sqlfluff cannot lay out a Jinja
    loop inside a CTE. -#}
{% macro union_source_records(sources, shared_columns, optional_columns) -%}
    {%- for source in sources %}
        {%- set own = source.get('columns', {}) -%}
        {%- set selected = [
            "'" ~ source['system'] ~ "' as source_system",
            "'" ~ source['table'] ~ "' as source_table",
            source['id'] ~ " as source_record_id"
        ] -%}
        {%- for column in shared_columns -%}
            {%- set expression = own.get(column, column) -%}
            {%- do selected.append(expression if expression == column else expression ~ " as " ~ column) -%}
        {%- endfor -%}
        {%- for column, data_type in optional_columns.items() -%}
            {%- set expression = own.get(column, "cast(null as " ~ data_type ~ ")") -%}
            {%- do selected.append(expression if expression == column else expression ~ " as " ~ column) -%}
        {%- endfor %}
    select
        {{ selected | join(",\n        ") }}
    from {{ source['from'] }}
        {%- if not loop.last %}

    union all
{% endif %}
    {%- endfor %}
{%- endmacro %}
