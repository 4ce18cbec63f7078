{#- The list marketing and sales load back into their tools: accounts at
    high or medium churn risk in the last reporting week, and bad-fit
    accounts (ARR went to zero within var bad_fit_max_weeks of first
    revenue and has stayed there), with acquisition context. -#}
with

account_360 as (
    select * from {{ ref('mart_account_360') }}
),

flagged as (
    select
        *,
        churn_risk in ('high', 'medium') as is_at_risk,
        revenue_status = 'former customer'
        and {{ revops.days_between('first_revenue_date', 'last_revenue_date') }}
        < 7 * {{ var('bad_fit_max_weeks') }} as is_bad_fit
    from account_360
),

final as (
    select
        cast(account_id as {{ dbt.type_string() }}) as account_id,
        cast(account_name as {{ dbt.type_string() }}) as account_name,
        cast(domain as {{ dbt.type_string() }}) as domain,
        cast(case when is_at_risk then 'at_risk' else 'bad_fit' end as {{ dbt.type_string() }}) as export_reason,
        cast(churn_risk as {{ dbt.type_string() }}) as churn_risk,
        cast(health_score as integer) as health_score,
        cast(current_arr as {{ revops.type_money() }}) as current_arr,
        cast(first_revenue_date as date) as first_revenue_date,
        cast(last_revenue_date as date) as last_revenue_date,
        cast(first_touch_channel as {{ dbt.type_string() }}) as first_touch_channel,
        cast(first_touch_campaign as {{ dbt.type_string() }}) as first_touch_campaign,
        cast(lead_source as {{ dbt.type_string() }}) as lead_source,
        cast(segment as {{ dbt.type_string() }}) as segment,
        cast(industry as {{ dbt.type_string() }}) as industry,
        cast(owner_name as {{ dbt.type_string() }}) as owner_name,
        cast(first_won_date as date) as first_won_date
    from flagged
    where is_at_risk or is_bad_fit
)

select * from final
