{#- One select per raw table of the contract, unioned: rows landed (with
    superseded loads), rows staged, deleted rows and the last load, read
    from the table's staging model, and how fresh the table must be
    (`config.meta.stale_after_days` in the sources .yml: 0 by default, null
    for none). The table list is the raw contract's, so a new source table
    appears here without another list to keep. `systems` limits it to some
    source systems (all when none). An optional table (meta.optional) with no
    rows did not land and is not expected: it has no row here, so it is never
    stale; once it lands it is judged like any other table. -#}
{% macro staged_table_syncs(systems=none) -%}
    {%- set tables = [] -%}
    {%- for system, system_tables in revops.raw_contract().items() if systems is none or system in systems -%}
        {%- for table_name in system_tables -%}
            {%- do tables.append((system, table_name)) -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- for system, table_name in tables %}
    {%- set stale_after_days = revops.raw_contract()[system][table_name]['stale_after_days'] %}
    select
        '{{ system }}' as source_system,
        '{{ table_name }}' as source_table,
        cast({{ 'null' if stale_after_days is none else stale_after_days }} as integer) as stale_after_days,
        coalesce(sum(landed_row_count), 0) as landed_rows,
        count(*) as staged_rows,
        coalesce(sum(case when is_deleted then 1 else 0 end), 0) as deleted_rows,
        max(synced_at) as last_synced_at
    from {{ ref('stg_' ~ system ~ '__' ~ table_name) }}
    {%- if revops.raw_contract()[system][table_name]['optional'] %}
    having count(*) > 0
    {%- endif %}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
{%- endmacro %}
