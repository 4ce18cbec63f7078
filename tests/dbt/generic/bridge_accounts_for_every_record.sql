{#- Row accounting between a staging model and an identity bridge: every
    staged record appears exactly once in the bridge under its source
    system and table, and the bridge holds nothing else for that table.
    Fails with one row per record id seen a number of times other than once
    on either side. -#}
{% test bridge_accounts_for_every_record(model, staged_model, key_column, source_system, source_table) %}
with

staged as (
    select
        cast({{ key_column }} as {{ dbt.type_string() }}) as source_record_id,
        count(*) as staged_rows
    from {{ staged_model }}
    group by cast({{ key_column }} as {{ dbt.type_string() }})
),

bridged as (
    select
        source_record_id,
        count(*) as bridge_rows
    from {{ model }}
    where source_system = '{{ source_system }}'
        and source_table = '{{ source_table }}'
    group by source_record_id
)

select
    '{{ source_system }}.{{ source_table }}' as source_table_name,
    coalesce(staged.source_record_id, bridged.source_record_id) as source_record_id,
    coalesce(staged.staged_rows, 0) as staged_rows,
    coalesce(bridged.bridge_rows, 0) as bridge_rows
from staged
full outer join bridged
    on staged.source_record_id = bridged.source_record_id
where coalesce(staged.staged_rows, 0) <> 1
    or coalesce(bridged.bridge_rows, 0) <> 1
{% endtest %}
