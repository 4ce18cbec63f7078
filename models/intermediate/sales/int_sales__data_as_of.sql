{#- One row: how far the landed CRM data reaches, so nothing depends on the
    clock: the row of int_data_health__data_as_of (D72, one row per system)
    of whichever CRM system, HubSpot or Salesforce, loaded last. Weekly
    snapshots run up to its last complete week and cohorts mature against
    its Sunday. -#}
with

data_as_of as (
    select * from {{ ref('int_data_health__data_as_of') }}
),

crm_systems as (
    select
        data_as_of.*,
        row_number() over (
            order by data_as_of.last_synced_at desc nulls last, data_as_of.source_system asc
        ) as load_rank
    from data_as_of
    where data_as_of.source_system in ('hubspot', 'salesforce')
),

final as (
    select
        last_synced_at as latest_synced_at,
        last_complete_iso_week,
        last_complete_week_start_date,
        last_complete_week_end_date,
        last_complete_week_end_at
    from crm_systems
    where load_rank = 1
)

select * from final
