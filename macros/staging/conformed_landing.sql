{#- A raw table as the contract names it, whatever loader landed it.

    The loader profile (var('loader'), loaders/<name>.yml, generated into
    loader_profiles()) names the relation and, per contract column, the
    landed columns to try, best first: the profile's own names, the
    contract's name, then the contract's aliases (meta.aliases). Every
    reader of a raw table (staging, quarantine, row accounting, incremental
    refresh) reads it through here, so a rename is declared once.

    conformed_landing() returns {'relation': the landed relation,
    'sql': a subquery exposing the contract's column names, values as landed,
    'columns': the contract columns that landed, 'kinds': each landed
    contract column's physical kind (physical_kind() in landed_value.sql),
    so that a typed column is cast and only text is parsed}. A deletion flag declared
    `combine: any` is true when any of its landed spellings is. An optional
    table (meta.optional) that did not land reads as no rows with every
    contract column, as text like a landed file. -#}
{% macro conformed_landing(source_name, table_name) -%}
    {%- set relation = revops.loader_relation(source_name, table_name) -%}
    {%- set contract_columns = revops.raw_contract()[source_name][table_name]['columns'] | map('first') | list -%}
    {%- if not execute -%}
        {{ return({'relation': relation, 'sql': relation, 'columns': contract_columns, 'kinds': {}}) }}
    {%- endif -%}
    {%- set by_lower = {} -%}
    {%- set kind_by_name = {} -%}
    {%- for column in adapter.get_columns_in_relation(relation) -%}
        {%- do by_lower.update({column.name | lower: column.name}) -%}
        {%- do kind_by_name.update({column.name: revops.physical_kind(column.dtype)}) -%}
    {%- endfor -%}
    {%- if by_lower | length == 0 and revops.raw_contract()[source_name][table_name]['optional'] -%}
        {%- do log("revops: " ~ source_name ~ "." ~ table_name ~ " did not land (" ~ relation
            ~ "); it is optional and read as empty.", info=true) -%}
        {{ return({'relation': relation, 'sql': revops.empty_landing(contract_columns), 'columns': contract_columns, 'kinds': {}}) }}
    {%- endif -%}
    {%- set entry = revops.loader_entry(source_name, table_name) -%}
    {%- set selected = [] -%}
    {%- set landed_columns = [] -%}
    {%- set kinds = {} -%}
    {%- for name in contract_columns -%}
        {%- set found = [] -%}
        {%- for candidate, present in entry['columns'].get(name, [[name, false]]) -%}
            {%- if candidate | lower in by_lower -%}
                {%- do found.append([by_lower[candidate | lower], present]) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if found | length > 0 -%}
            {%- if name not in entry['combine_any'] -%}{%- set found = found[:1] -%}{%- endif -%}
            {%- do selected.append(revops.conformed_expression(found) ~ ' as ' ~ adapter.quote(name)) -%}
            {%- do landed_columns.append(name) -%}
            {%- do kinds.update({name: revops.conformed_kind(found, kind_by_name)}) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if selected | length == 0 -%}
        {{ return({'relation': relation, 'sql': relation, 'columns': [], 'kinds': {}}) }}
    {%- endif -%}
    {%- set sql -%}
        (select {{ selected | join(', ') }} from {{ relation }} as loader_landed)
    {%- endset -%}
    {{ return({'relation': relation, 'sql': sql, 'columns': landed_columns, 'kinds': kinds}) }}
{%- endmacro %}

{#- The physical kind of a conformed column: the landed column's, or boolean
    where conformed_expression() combines flags into one. -#}
{% macro conformed_kind(found, kind_by_name) -%}
    {%- if found | length == 1 and not found[0][1] -%}
        {{ return(kind_by_name.get(found[0][0], 'other')) }}
    {%- endif -%}
    {{ return('boolean') }}
{%- endmacro %}

{#- One landed column is passed through as landed (staging parses it); several
    (a combined deletion flag) or a marker whose presence means true become a
    boolean. -#}
{% macro conformed_expression(found) -%}
    {%- if found | length == 1 and not found[0][1] -%}
        {{ return('loader_landed.' ~ adapter.quote(found[0][0])) }}
    {%- endif -%}
    {%- set flags = [] -%}
    {%- for name, present in found -%}
        {%- set column = 'loader_landed.' ~ adapter.quote(name) -%}
        {%- if present -%}
            {%- do flags.append(revops.parse_text(column) ~ ' is not null') -%}
        {%- else -%}
            {%- do flags.append('coalesce(' ~ revops.parse_boolean(column) ~ ', false)') -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return('(' ~ flags | join(' or ') ~ ')') }}
{%- endmacro %}

{#- The loader profile's entry for a raw table. -#}
{% macro loader_entry(source_name, table_name) -%}
    {%- set profiles = revops.loader_profiles() -%}
    {%- if var('loader') not in profiles -%}
        {{ exceptions.raise_compiler_error(
            "Unknown loader '" ~ var('loader') ~ "' (var loader / REVOPS_LOADER); known loaders: "
            ~ profiles.keys() | list | join(', ') ~ ". Add loaders/" ~ var('loader') ~ ".yml and run "
            ~ "`python -m revops.loaders`.") }}
    {%- endif -%}
    {{ return(profiles[var('loader')][source_name][table_name]) }}
{%- endmacro %}

{#- The relation the loader landed a raw table as: the profile's table name
    (Opportunity, companies...) when that relation exists, else the contract's
    (a landing folder's views carry the contract's names whatever the loader). -#}
{% macro loader_relation(source_name, table_name) -%}
    {%- set relation = source(source_name, table_name) -%}
    {%- if execute and not (model is defined and model.resource_type is defined and model.resource_type == 'unit_test') -%}
        {%- set identifier = revops.loader_entry(source_name, table_name)['identifier'] -%}
        {#- DuckDB matches names whatever their case (and dbt refuses to pick
            between Opportunity and opportunity): only another name is looked up there. -#}
        {%- set other_name = identifier | lower != table_name | lower
            or (identifier != table_name and target.type != 'duckdb') -%}
        {%- if other_name -%}
            {%- set mapped = adapter.get_relation(relation.database, relation.schema, identifier) -%}
            {%- if mapped is not none -%}{{ return(mapped) }}{%- endif -%}
        {%- endif -%}
    {%- endif -%}
    {{ return(relation) }}
{%- endmacro %}

{#- No rows, with the given columns as text: an optional table that did not land. -#}
{% macro empty_landing(columns) -%}
    {%- set selected = [] -%}
    {%- for name in columns -%}
        {%- do selected.append('cast(null as ' ~ dbt.type_string() ~ ') as ' ~ adapter.quote(name)) -%}
    {%- endfor -%}
    (select {{ selected | join(', ') }} where 1 = 0)
{%- endmacro %}
