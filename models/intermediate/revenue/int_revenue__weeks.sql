{#- The ISO weeks the revenue tables cover: from the week of the first
    subscription line's period start to the last week the landed billing
    data reaches (D72: Stripe loaded on or after the week's Sunday, the
    instant fct_source_syncs reports for stripe), or up to the Sunday of var
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

billing_syncs as (
    {{ revops.staged_table_syncs(['stripe']) }}
),

bounds as (
    select
        (select min(period_start_date) from lines) as first_date,
        {% if var('revenue_last_week_end_date', none) %}
            cast('{{ var("revenue_last_week_end_date") }}' as {{ dbt.type_timestamp() }})
        {% else %}
            (select max(last_synced_at) from billing_syncs)
        {% endif %} as last_load_at
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
        and {{ revops.data_reaches_week('bounds.last_load_at', 'weeks.week_end_date') }}
)

select * from final
