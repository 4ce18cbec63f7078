{#- Selects every column declared for a raw table in its source .yml, as
    the declared logical type (`data_type`): a text column parsed, a column
    landed already typed cast (landed_value.sql), through conformed_landing()
    (the loader profile's and the contract's other names for each column).
    The declaration is the one contract of what lands:
    - a required column that did not land stops the build, naming the
      system, table and column;
    - an optional column (meta.optional) that did not land becomes null and
      is logged, so a thinner loader still builds;
    - extra landed columns are ignored;
    - a landed row that breaks a row-level rule of the contract is left out
      (it is in quarantine_<system>__<table>, see quarantine.sql).
    Output columns and rows per landed row do not depend on the rules.
    With `refresh_since` (an incremental run), only the landed rows of keys
    synced since then are read (incremental_landing.sql). -#}
{% macro select_landed_columns(source_name, table_name, refresh_since=none) -%}
    {%- set relation = source(source_name, table_name) -%}
    {%- do revops.quarantine_dependencies(source_name, table_name) -%}
    {%- if not execute -%}
        select * from {{ relation }}
    {%- else -%}
        {%- set declared = revops.declared_columns(source_name, table_name) -%}
        {%- if model.resource_type == 'unit_test' -%}
            {#- A unit test's source() is a fixture carrying every column of the raw table. -#}
            {%- set landed = declared | map(attribute='name') | list -%}
            {%- set landed_sql = relation -%}
            {%- set kinds = {} -%}
        {%- else -%}
            {%- set conformed = revops.conformed_landing(source_name, table_name) -%}
            {%- set landed = conformed['columns'] -%}
            {%- set landed_sql = conformed['sql'] -%}
            {%- set relation = conformed['relation'] -%}
            {%- set kinds = conformed['kinds'] -%}
        {%- endif -%}
        {%- if landed | length == 0 -%}
            {{ exceptions.raise_compiler_error(
                "Raw table missing: " ~ source_name ~ "." ~ table_name ~ " (expected at " ~ relation
                ~ ", loader " ~ var('loader') ~ "). Land it, or point the project at the schema or folder that holds it.") }}
        {%- endif -%}
        {%- set missing_required = [] -%}
        select
        {%- for column in declared %}
            {%- if column.name | lower in landed %}
            {{ revops.landed_value('landed_raw.' ~ adapter.quote(column.name), column.data_type, kinds.get(column.name)) }} as {{ column.name }}
            {%- else %}
                {%- if not column.optional %}{% do missing_required.append(column.name) %}{% endif %}
                {%- do log("revops: " ~ source_name ~ "." ~ table_name ~ " has no column " ~ column.name ~ "; it is optional and read as null.", info=true) %}
            cast(null as {{ revops.logical_type_sql(column.data_type) }}) as {{ column.name }}
            {%- endif -%}
            {{- "," if not loop.last }}
        {%- endfor %}
        from {{ landed_sql }} as landed_raw
        {%- if model.resource_type != 'unit_test' %}
        where not {{ revops.quarantine_condition(revops.quarantine_rules(source_name, table_name, landed, 'landed_raw', kinds)) }}
            {%- if refresh_since is not none %}
            and {{ revops.landed_keys_to_refresh(source_name, table_name, refresh_since) }}
            {%- endif %}
        {%- endif %}
        {%- if missing_required | length > 0 -%}
            {{ exceptions.raise_compiler_error(
                "Raw table " ~ source_name ~ "." ~ table_name ~ " is missing required column(s): "
                ~ missing_required | join(', ') ~ " (loader " ~ var('loader') ~ ", loaders/" ~ var('loader')
                ~ ".yml). Columns found: " ~ landed | join(', ') ~ ".") }}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}

{#- The declared columns of a raw table as dicts (name, data_type, optional):
    from the sources graph, or from the generated raw_contract() where dbt
    runs without the graph (unit tests). -#}
{% macro declared_columns(source_name, table_name) -%}
    {%- set columns = [] -%}
    {%- if graph.sources is defined and graph.sources | length > 0 -%}
        {%- set node = revops.source_node(source_name, table_name) -%}
        {%- for column_name, column in node.columns.items() -%}
            {%- do columns.append({
                'name': column_name,
                'data_type': column.data_type,
                'optional': (column.config.meta or column.meta or {}).get('optional', false)}) -%}
        {%- endfor -%}
    {%- else -%}
        {%- for name, data_type, optional, rules in revops.raw_contract()[source_name][table_name]['columns'] -%}
            {%- do columns.append({'name': name, 'data_type': data_type, 'optional': optional}) -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(columns) }}
{%- endmacro %}

{% macro source_node(source_name, table_name) -%}
    {%- for node in graph.sources.values() -%}
        {%- if node.source_name == source_name and node.name == table_name -%}
            {{ return(node) }}
        {%- endif -%}
    {%- endfor -%}
    {{ exceptions.raise_compiler_error("No source declared for " ~ source_name ~ "." ~ table_name) }}
{%- endmacro %}

{% macro source_node_for_relation(relation) -%}
    {%- for node in graph.sources.values() -%}
        {%- if node.relation_name == (relation | string) -%}
            {{ return(node) }}
        {%- endif -%}
    {%- endfor -%}
    {{ exceptions.raise_compiler_error("No source declared for relation " ~ relation) }}
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
