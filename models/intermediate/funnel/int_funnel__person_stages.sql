{#- One row per live, non-internal person: the date they entered each funnel
    stage (metrics spec, Funnel stage dates), as calendar dates: lead, MQL
    and SQL from their own records (int_identity__person_profiles, which
    applies the is_converted rule), opportunity and won from their
    account's first New Business deals. A stage can be skipped (null) and
    the dates need not be in order. Their first touch is
    int_attribution__channels'. -#}
with

person_profiles as (
    select * from {{ ref('int_identity__person_profiles') }}
),

person_accounts as (
    select * from {{ ref('int_identity__person_accounts') }}
),

account_deal_dates as (
    select * from {{ ref('int_funnel__account_deal_dates') }}
),

attribution as (
    select * from {{ ref('int_attribution__channels') }}
    where subject_type = 'person'
),

final as (
    select
        person_profiles.person_id,
        person_accounts.account_id,
        attribution.first_touch_channel,
        attribution.first_touch_campaign,
        person_profiles.lead_at,
        person_profiles.mql_at,
        person_profiles.sql_at,
        account_deal_dates.first_opportunity_at as opportunity_at,
        cast(person_profiles.lead_at as date) as lead_date,
        cast(person_profiles.mql_at as date) as mql_date,
        cast(person_profiles.sql_at as date) as sql_date,
        account_deal_dates.first_opportunity_date as opportunity_date,
        account_deal_dates.first_won_date as won_date
    from person_profiles
    left join person_accounts
        on person_profiles.person_id = person_accounts.person_id
    left join account_deal_dates
        on person_accounts.account_id = account_deal_dates.account_id
    left join attribution
        on person_profiles.person_id = attribution.subject_id
    where not person_profiles.is_internal
)

select * from final
