{#- Selects every column declared for a raw table in its source .yml, parsed
    to the declared logical type (`data_type`). The declaration is the one
    contract of what lands:
    - a required column that did not land stops the build, naming the
      system, table and column;
    - an optional column (meta.optional) that did not land becomes null and
      is logged, so a thinner loader still builds;
    - extra landed columns are ignored. -#}
{% macro select_landed_columns(source_name, table_name) -%}
    {%- set relation = source(source_name, table_name) -%}
    {%- if not execute -%}
        select * from {{ relation }}
    {%- else -%}
        {%- set node = revops.source_node(source_name, table_name) -%}
        {%- set landed_columns = adapter.get_columns_in_relation(relation) -%}
        {%- if landed_columns | length == 0 -%}
            {{ exceptions.raise_compiler_error(
                "Raw table missing: " ~ source_name ~ "." ~ table_name ~ " (expected at " ~ relation
                ~ "). Land it, or point the project at the schema or folder that holds it.") }}
        {%- endif -%}
        {%- set landed = landed_columns | map(attribute='name') | map('lower') | list -%}
        {%- set missing_required = [] -%}
        select
        {%- for column_name, column in node.columns.items() %}
            {%- set is_optional = (column.config.meta or column.meta or {}).get('optional', false) %}
            {%- if column_name | lower in landed %}
            {{ revops.parse_value(adapter.quote(column_name), column.data_type) }} as {{ column_name }}
            {%- else %}
                {%- if not is_optional %}{% do missing_required.append(column_name) %}{% endif %}
                {%- do log("revops: " ~ source_name ~ "." ~ table_name ~ " has no column " ~ column_name ~ "; it is optional and read as null.", info=true) %}
            cast(null as {{ revops.logical_type_sql(column.data_type) }}) as {{ column_name }}
            {%- endif -%}
            {{- "," if not loop.last }}
        {%- endfor %}
        from {{ relation }}
        {%- if missing_required | length > 0 -%}
            {{ exceptions.raise_compiler_error(
                "Raw table " ~ source_name ~ "." ~ table_name ~ " is missing required column(s): "
                ~ missing_required | join(', ') ~ ". Landed columns: " ~ landed | join(', ') ~ ".") }}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}

{% macro source_node(source_name, table_name) -%}
    {%- for node in graph.sources.values() -%}
        {%- if node.source_name == source_name and node.name == table_name -%}
            {{ return(node) }}
        {%- endif -%}
    {%- endfor -%}
    {{ exceptions.raise_compiler_error("No source declared for " ~ source_name ~ "." ~ table_name) }}
{%- endmacro %}

{% macro logical_type_sql(logical_type) -%}
    {%- set kind = (logical_type or 'text') | lower -%}
    {%- if kind == 'integer' -%} {{ dbt.type_bigint() }}
    {%- elif kind == 'numeric' -%} {{ revops.type_money() }}
    {%- elif kind == 'boolean' -%} {{ dbt.type_boolean() }}
    {%- elif kind == 'timestamp' -%} {{ dbt.type_timestamp() }}
    {%- elif kind == 'date' -%} date
    {%- else -%} {{ dbt.type_string() }}
    {%- endif -%}
{%- endmacro %}

{% macro source_node_for_relation(relation) -%}
    {%- for node in graph.sources.values() -%}
        {%- if node.relation_name == (relation | string) -%}
            {{ return(node) }}
        {%- endif -%}
    {%- endfor -%}
    {{ exceptions.raise_compiler_error("No source declared for relation " ~ relation) }}
{%- endmacro %}
