{#- One row per source system: how far its landed data reaches, the one
    place the late-data rule (D72, revops.data_reaches_week) is applied. A
    system's last load is the latest of its tables' (int_data_health__table_syncs);
    its last complete week is the latest ISO week whose Sunday that load
    reaches. A system with no load, or a load before every week of the
    calendar, has null weeks. Every week spine (revenue, sales, metrics)
    and the metrics' not-measured rule read it; nothing reads the clock. -#}
with

table_syncs as (
    select * from {{ ref('int_data_health__table_syncs') }}
),

weeks as (
    select * from {{ ref('int_calendar__weeks') }}
),

system_loads as (
    select
        source_system,
        max(last_synced_at) as last_synced_at
    from table_syncs
    group by source_system
),

reached_weeks as (
    select
        system_loads.source_system,
        system_loads.last_synced_at,
        max(weeks.week_end_date) as last_complete_week_end_date
    from system_loads
    left join weeks
        on {{ revops.data_reaches_week('system_loads.last_synced_at', 'weeks.week_end_date') }}
    group by system_loads.source_system, system_loads.last_synced_at
),

final as (
    select
        reached_weeks.source_system,
        reached_weeks.last_synced_at,
        weeks.iso_week as last_complete_iso_week,
        weeks.week_start_date as last_complete_week_start_date,
        reached_weeks.last_complete_week_end_date,
        weeks.week_end_at as last_complete_week_end_at
    from reached_weeks
    left join weeks
        on reached_weeks.last_complete_week_end_date = weeks.week_end_date
)

select * from final
