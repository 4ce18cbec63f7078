{#- A revenue metric must never read 0 for a week the revenue mart has no row
    for (D72): after the mart's first week, a missing row means the billing
    data does not reach the week, which is "not measured" (null with a
    reason), not "no revenue". Weeks before the first revenue week are a true
    zero (no customer yet). Fails with one row per metric and week that reads
    0 without a revenue row. -#}
with

weekly_metrics as (
    select * from {{ ref('fct_weekly_metrics') }}
),

revenue_weekly as (
    select * from {{ ref('mart_revenue_weekly') }}
),

first_revenue_week as (
    select min(iso_week) as iso_week
    from revenue_weekly
),

final as (
    select
        weekly_metrics.iso_week,
        weekly_metrics.metric_key,
        weekly_metrics.metric_value,
        weekly_metrics.missing_reason
    from weekly_metrics
    cross join first_revenue_week
    left join revenue_weekly
        on weekly_metrics.iso_week = revenue_weekly.iso_week
    where
        weekly_metrics.section = 'Revenue'
        and weekly_metrics.metric_value = 0
        and weekly_metrics.iso_week > first_revenue_week.iso_week
        and revenue_weekly.iso_week is null
)

select * from final
