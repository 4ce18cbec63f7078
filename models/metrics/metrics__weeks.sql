-- The weeks the metrics cover: from the week the funnel starts (the first
-- HubSpot contact or Salesforce lead or contact; var metrics_first_week overrides) to
-- the latest complete week of any system (int_data_health__data_as_of, D72).
-- A metric whose own systems do not reach a week is not measured there
-- (fct_weekly_metrics); nothing here reads the clock.
with

weeks as (
    select * from {{ ref('dim_weeks') }}
),

systems_data_as_of as (
    select * from {{ ref('int_data_health__data_as_of') }}
),

person_records as (
    select * from {{ ref('bridge_person_records') }}
),

data_as_of as (
    select
        max(last_synced_at) as as_of_at,
        max(last_complete_week_end_date) as last_complete_week_end_date
    from systems_data_as_of
),

first_record as (
    select
        {% if var('metrics_first_week', none) %}
            cast('{{ var("metrics_first_week") }}' as date)
        {% else %}
            cast(min(record_created_at) as date)
        {% endif %} as first_date
    from person_records
    where
        not is_deleted
        and (
            (source_system = 'hubspot' and source_table = 'contact')
            or (source_system = 'salesforce' and source_table in ('lead', 'contact'))
        )
),

final as (
    select
        weeks.iso_week,
        weeks.week_start_date,
        weeks.week_end_date,
        weeks.week_end_at,
        data_as_of.as_of_at
    from weeks
    cross join data_as_of
    cross join first_record
    where
        weeks.week_end_date >= first_record.first_date
        and weeks.week_end_date <= data_as_of.last_complete_week_end_date
)

select * from final
