-- The day spine MetricFlow joins to for cumulative windows and time
-- offsets: the project's calendar, one row per day, with the ISO week key
-- as a custom granularity so metrics group by the scorecard's week names.
with

days as (
    select * from {{ ref('int_calendar__days') }}
),

final as (
    select
        calendar_date as date_day,
        iso_week
    from days
)

select * from final
