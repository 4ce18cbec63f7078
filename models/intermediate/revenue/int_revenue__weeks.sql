{#- The ISO weeks the revenue tables cover: from the week of the first
    subscription line's period start to Stripe's last complete week
    (int_data_health__data_as_of, D72: the last week whose Sunday Stripe's
    latest load reaches), or to the week ending on var
    revenue_last_week_end_date when set. A week the billing data does not
    reach at all is left out rather than shown with every monthly plan
    churned (its next invoice has not landed); the metrics layer shows it as
    not measured. Nothing reads the clock. -#}
with

weeks as (
    select * from {{ ref('int_calendar__weeks') }}
),

lines as (
    select * from {{ ref('int_revenue__subscription_lines') }}
),

data_as_of as (
    select * from {{ ref('int_data_health__data_as_of') }}
),

bounds as (
    select
        (select min(period_start_date) from lines) as first_date,
        {% if var('revenue_last_week_end_date', none) %}
            cast('{{ var("revenue_last_week_end_date") }}' as date)
        {% else %}
            (
                select max(last_complete_week_end_date)
                from data_as_of
                where source_system = 'stripe'
            )
        {% endif %} as last_week_end_date
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
        and weeks.week_end_date <= bounds.last_week_end_date
)

select * from final
