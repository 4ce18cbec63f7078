{#- One row: how far the landed CRM and marketing data reach, so nothing
    depends on the clock. latest_synced_at is the latest load of the tables
    the funnel and pipeline read; the last complete week is the latest ISO
    week that load reaches (on or after its Sunday, D72: the rule the
    revenue weeks and the metrics layer use too). Weekly snapshots run up to
    it and cohorts mature against its Sunday. -#}
with

opportunities as (
    select max(synced_at) as synced_at from {{ ref('stg_salesforce__opportunity') }}
),

opportunity_history as (
    select max(synced_at) as synced_at from {{ ref('stg_salesforce__opportunity_history') }}
),

leads as (
    select max(synced_at) as synced_at from {{ ref('stg_salesforce__lead') }}
),

salesforce_contacts as (
    select max(synced_at) as synced_at from {{ ref('stg_salesforce__contact') }}
),

hubspot_contacts as (
    select max(synced_at) as synced_at from {{ ref('stg_hubspot__contact') }}
),

weeks as (
    select * from {{ ref('int_calendar__weeks') }}
),

loads as (
    select synced_at from opportunities
    union all
    select synced_at from opportunity_history
    union all
    select synced_at from leads
    union all
    select synced_at from salesforce_contacts
    union all
    select synced_at from hubspot_contacts
),

latest_load as (
    select max(synced_at) as latest_synced_at
    from loads
),

last_complete_week as (
    select
        latest_load.latest_synced_at,
        max(weeks.week_end_date) as last_complete_week_end_date
    from latest_load
    left join weeks
        on {{ revops.data_reaches_week('latest_load.latest_synced_at', 'weeks.week_end_date') }}
    group by latest_load.latest_synced_at
),

final as (
    select
        last_complete_week.latest_synced_at,
        weeks.iso_week as last_complete_iso_week,
        weeks.week_start_date as last_complete_week_start_date,
        weeks.week_end_date as last_complete_week_end_date,
        weeks.week_end_at as last_complete_week_end_at
    from last_complete_week
    left join weeks
        on last_complete_week.last_complete_week_end_date = weeks.week_end_date
)

select * from final
