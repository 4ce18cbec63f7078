{#- The churn-risk list: accounts at high or medium risk in the last
    reporting week, largest ARR at risk first. -#}
with

health as (
    select * from {{ ref('fct_account_health_weekly') }}
),

accounts as (
    select * from {{ ref('dim_accounts') }}
),

last_week as (
    select max(week_end_date) as week_end_date from health
),

at_risk as (
    select health.*
    from health
    inner join last_week
        on health.week_end_date = last_week.week_end_date
    where health.arr_at_risk > 0
),

final as (
    select
        cast(
            row_number() over (order by at_risk.arr_at_risk desc, at_risk.health_score asc, at_risk.account_id asc)
            as integer
        ) as risk_rank,
        cast(at_risk.account_id as {{ dbt.type_string() }}) as account_id,
        cast(accounts.name as {{ dbt.type_string() }}) as account_name,
        cast(accounts.owner_name as {{ dbt.type_string() }}) as owner_name,
        cast(at_risk.iso_week as {{ dbt.type_string() }}) as iso_week,
        cast(at_risk.arr_at_risk as {{ revops.type_money() }}) as arr_at_risk,
        cast(at_risk.health_score as integer) as health_score,
        cast(at_risk.churn_risk as {{ dbt.type_string() }}) as churn_risk,
        cast(at_risk.nps_points as integer) as nps_points,
        cast(at_risk.csat_points as integer) as csat_points,
        cast(at_risk.ticket_load_points as integer) as ticket_load_points,
        cast(at_risk.arr_trend_points as integer) as arr_trend_points,
        cast(at_risk.delinquency_points as integer) as delinquency_points,
        cast(at_risk.seat_change_points as integer) as seat_change_points
    from at_risk
    inner join accounts
        on at_risk.account_id = accounts.account_id
)

select * from final
