with

accounts as (
    select * from {{ ref('dim_accounts') }}
),

person_stages as (
    select * from {{ ref('int_funnel__person_stages') }}
),

account_deal_dates as (
    select * from {{ ref('int_funnel__account_deal_dates') }}
),

person_dates as (
    select
        account_id,
        count(*) as person_count,
        min(lead_date) as lead_date,
        min(mql_date) as mql_date,
        min(sql_date) as sql_date
    from person_stages
    where account_id is not null
    group by account_id
),

final as (
    select
        cast(accounts.account_id as {{ dbt.type_string() }}) as account_id,
        cast(accounts.name as {{ dbt.type_string() }}) as account_name,
        cast(coalesce(accounts.first_touch_channel, 'Unknown') as {{ dbt.type_string() }}) as channel,
        cast(accounts.first_touch_campaign as {{ dbt.type_string() }}) as campaign,
        cast(accounts.segment as {{ dbt.type_string() }}) as segment,
        cast(coalesce(person_dates.person_count, 0) as bigint) as person_count,
        cast(person_dates.lead_date as date) as lead_date,
        cast(person_dates.mql_date as date) as mql_date,
        cast(person_dates.sql_date as date) as sql_date,
        cast(account_deal_dates.first_opportunity_date as date) as opportunity_date,
        cast(account_deal_dates.first_won_date as date) as won_date
    from accounts
    left join person_dates
        on accounts.account_id = person_dates.account_id
    left join account_deal_dates
        on accounts.account_id = account_deal_dates.account_id
    where not accounts.is_internal
)

select * from final
