{#- What marketing and sales learned about each account beside its health
    in the last reporting week. -#}
with

accounts as (
    select * from {{ ref('dim_accounts') }}
),

account_arr as (
    select * from {{ ref('int_revenue__account_arr_weekly') }}
),

health as (
    select * from {{ ref('fct_account_health_weekly') }}
),

won_deals as (
    select * from {{ ref('int_revenue__won_deals') }}
),

last_week as (
    select max(week_end_date) as week_end_date from account_arr
),

revenue_summary as (
    select
        account_arr.account_id,
        min(case when account_arr.arr > 0 then account_arr.week_end_date end) as first_revenue_date,
        max(case when account_arr.arr > 0 then account_arr.week_end_date end) as last_revenue_date,
        max(case when account_arr.week_end_date = last_week.week_end_date then account_arr.arr end) as current_arr
    from account_arr
    cross join last_week
    group by account_arr.account_id
),

latest_health as (
    select health.*
    from health
    inner join last_week
        on health.week_end_date = last_week.week_end_date
),

bookings as (
    select
        account_id,
        count(*) as won_deals,
        sum(booking_amount) as total_bookings,
        max(close_date) as last_won_date
    from won_deals
    group by account_id
),

final as (
    select
        cast(accounts.account_id as {{ dbt.type_string() }}) as account_id,
        cast(accounts.name as {{ dbt.type_string() }}) as account_name,
        cast(accounts.domain as {{ dbt.type_string() }}) as domain,
        cast(accounts.segment as {{ dbt.type_string() }}) as segment,
        cast(accounts.industry as {{ dbt.type_string() }}) as industry,
        cast(accounts.owner_name as {{ dbt.type_string() }}) as owner_name,
        cast(accounts.first_touch_channel as {{ dbt.type_string() }}) as first_touch_channel,
        cast(accounts.first_touch_campaign as {{ dbt.type_string() }}) as first_touch_campaign,
        cast(accounts.lead_source as {{ dbt.type_string() }}) as lead_source,
        cast(accounts.opportunity_count as {{ dbt.type_bigint() }}) as opportunity_count,
        cast(accounts.open_opportunity_count as {{ dbt.type_bigint() }}) as open_opportunity_count,
        cast(coalesce(bookings.won_deals, 0) as {{ dbt.type_bigint() }}) as won_new_or_expansion_deals,
        cast(coalesce(bookings.total_bookings, 0) as {{ revops.type_money() }}) as total_bookings,
        cast(accounts.first_won_date as date) as first_won_date,
        cast(bookings.last_won_date as date) as last_won_date,
        cast(revenue_summary.first_revenue_date as date) as first_revenue_date,
        cast(revenue_summary.last_revenue_date as date) as last_revenue_date,
        cast(coalesce(revenue_summary.current_arr, 0) as {{ revops.type_money() }}) as current_arr,
        cast(
            case
                when revenue_summary.current_arr > 0 then 'customer'
                when revenue_summary.first_revenue_date is not null then 'former customer'
                else 'prospect'
            end as {{ dbt.type_string() }}
        ) as revenue_status,
        cast(latest_health.health_score as integer) as health_score,
        cast(latest_health.churn_risk as {{ dbt.type_string() }}) as churn_risk,
        cast(latest_health.nps_13w as {{ revops.type_ratio() }}) as nps_13w,
        cast(latest_health.csat_13w as {{ revops.type_ratio() }}) as csat_13w,
        cast(latest_health.tickets_13w as {{ dbt.type_bigint() }}) as tickets_13w,
        cast(latest_health.open_tickets as {{ dbt.type_bigint() }}) as open_tickets,
        cast(latest_health.overdue_invoices as {{ dbt.type_bigint() }}) as overdue_invoices
    from accounts
    left join revenue_summary
        on accounts.account_id = revenue_summary.account_id
    left join latest_health
        on accounts.account_id = latest_health.account_id
    left join bookings
        on accounts.account_id = bookings.account_id
    where not accounts.is_internal
)

select * from final
