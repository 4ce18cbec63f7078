with

weeks as (
    select * from {{ ref('int_calendar__weeks') }}
),

final as (
    select
        iso_week,
        week_start_date,
        week_end_date,
        week_end_at
    from weeks
)

select * from final
