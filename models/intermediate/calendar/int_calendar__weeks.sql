with

days as (
    select * from {{ ref('int_calendar__days') }}
),

final as (
    select
        iso_week,
        min(week_start_date) as week_start_date,
        min(week_end_date) as week_end_date,
        -- the instant the week ends: next Monday 00:00 UTC (exclusive)
        cast({{ dbt.dateadd('day', 7, 'min(week_start_date)') }} as {{ dbt.type_timestamp() }}) as week_end_at,
        count(*) as day_count
    from days
    group by iso_week
    -- only whole weeks: the spine's first and last weeks may be cut short
    having count(*) = 7
)

select * from final
