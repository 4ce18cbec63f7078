{#- The ISO weeks the revenue tables cover: from the week of the first
    subscription line's period start to the last complete week of the
    landed billing data (the last week ending at or before the latest
    Stripe invoice sync), or var revenue_last_week_end_date when set.
    Weeks after the last load would show every monthly plan as churned,
    because its next invoice has not been issued yet. Nothing reads the clock. -#}
with

weeks as (
    select * from {{ ref('int_calendar__weeks') }}
),

lines as (
    select * from {{ ref('int_revenue__subscription_lines') }}
),

invoices as (
    select * from {{ ref('stg_stripe__invoice') }}
),

bounds as (
    select
        (select min(period_start_date) from lines) as first_date,
        {% if var('revenue_last_week_end_date', none) %}
            {{ dbt.dateadd('day', 1, "cast('" ~ var('revenue_last_week_end_date') ~ "' as " ~ dbt.type_timestamp() ~ ")") }}
        {% else %}
            (select max(synced_at) from invoices)
        {% endif %} as last_instant
),

final as (
    select
        weeks.iso_week,
        weeks.week_start_date,
        weeks.week_end_date,
        weeks.week_end_at,
        row_number() over (order by weeks.week_start_date) as week_number
    from weeks
    cross join bounds
    where
        weeks.week_end_date >= bounds.first_date
        and weeks.week_end_at <= bounds.last_instant
)

select * from final
