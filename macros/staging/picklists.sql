{#- The org's picklists as reference data (seeds/reference/picklist_mapping.csv):
    every landed value of a picklist column maps onto a warehouse concept.
    Staging models join picklist_values and take mapped_picklist_value; the
    test known_picklist_value warns about values the seed does not list, and
    the quality gate reads the same seed. -#}

{% macro picklist_seed_file() -%}
    {{ return('seeds/reference/picklist_mapping.csv') }}
{%- endmacro %}

{#- One row per mapped value of one landed column: its comparable form
    (lowercase, trimmed) and its concept. -#}
{% macro picklist_values(source_system, source_table, source_column) -%}
    select
        lower(trim(source_value)) as value_key,
        min(lower(trim(mapped_value))) as mapped_value
    from {{ ref('picklist_mapping') }}
    where
        source_system = '{{ source_system }}'
        and source_table = '{{ source_table }}'
        and source_column = '{{ source_column }}'
    group by lower(trim(source_value))
{%- endmacro %}

{#- The concept of a landed value: the seed's, 'other' for a value the seed
    does not list (reported by known_picklist_value), null for a blank. -#}
{% macro mapped_picklist_value(landed_value, mapped_value) -%}
    case
        when nullif(trim({{ landed_value }}), '') is null then null
        else coalesce({{ mapped_value }}, 'other')
    end
{%- endmacro %}

{#- One row per landed value the seed does not map: the value, its rows and
    the column's non-blank rows. -#}
{% macro unknown_picklist_values_sql(model, column_name, source_system, source_table, source_column) -%}
with

known_values as (
    {{ revops.picklist_values(source_system, source_table, source_column) }}
),

landed_values as (
    select
        trim(cast({{ column_name }} as {{ dbt.type_string() }})) as landed_value,
        lower(trim(cast({{ column_name }} as {{ dbt.type_string() }}))) as value_key
    from {{ model }}
    where nullif(trim(cast({{ column_name }} as {{ dbt.type_string() }})), '') is not null
),

unknown_values as (
    select
        value_key,
        min(landed_value) as landed_value,
        count(*) as row_count
    from landed_values
    where value_key not in (select known_values.value_key from known_values)
    group by value_key
),

column_rows as (
    select count(*) as total_rows from landed_values
),

final as (
    select
        unknown_values.landed_value,
        unknown_values.row_count,
        column_rows.total_rows
    from unknown_values
    cross join column_rows
)

select * from final
{%- endmacro %}

{#- At run time: one warning per unmapped value (value, rows, seed file), and an
    error naming the seed file when the unmapped rows exceed
    var('quality_critical_percent') of the column's rows. -#}
{% macro report_unknown_picklist_values(sql, source_system, source_table, source_column) -%}
    {%- set result = run_query(sql ~ ' order by row_count desc, landed_value') -%}
    {%- set where = source_system ~ '.' ~ source_table ~ '.' ~ source_column -%}
    {%- set seed_file = revops.picklist_seed_file() -%}
    {%- set unknown = namespace(rows=0, total=0, values=[]) -%}
    {%- for row in result.rows -%}
        {%- set unknown.rows = unknown.rows + row[1] -%}
        {%- set unknown.total = row[2] -%}
        {%- do unknown.values.append("'" ~ row[0] ~ "' (" ~ row[1] ~ " rows)") -%}
        {%- do exceptions.warn(where ~ ": the value '" ~ row[0] ~ "' on " ~ row[1] ~ " of " ~ row[2]
            ~ " rows is not mapped; its rows count as 'other'. Map it in " ~ seed_file ~ ".") -%}
    {%- endfor -%}
    {%- set critical = var('quality_critical_percent') | float -%}
    {%- if unknown.total > 0 and 100.0 * unknown.rows / unknown.total > critical -%}
        {{ exceptions.raise_compiler_error(where ~ ": " ~ unknown.rows ~ " of " ~ unknown.total
            ~ " rows (" ~ ((1000.0 * unknown.rows / unknown.total) | round | int / 10.0) ~ " %, more than "
            ~ critical ~ " %) hold values no mapping lists: " ~ unknown.values | join(', ')
            ~ ". Add them to " ~ seed_file ~ " (source_system " ~ source_system ~ ", source_table "
            ~ source_table ~ ", source_column " ~ source_column ~ ") and run again.") }}
    {%- endif -%}
{%- endmacro %}
