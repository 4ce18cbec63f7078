with

weeks as (
    select * from {{ ref('int_revenue__weeks') }}
),

account_arr as (
    select * from {{ ref('int_revenue__account_arr_weekly') }}
),

movements as (
    select * from {{ ref('fct_arr_movements') }}
),

arr_totals as (
    select
        iso_week,
        sum(arr) as arr,
        sum(case when arr > 0 then 1 else 0 end) as customers
    from account_arr
    group by iso_week
),

movement_totals as (
    select
        iso_week,
        sum(new_arr) as new_arr,
        sum(reactivation_arr) as reactivation_arr,
        sum(expansion_arr) as expansion_arr,
        sum(contraction_arr) as contraction_arr,
        sum(churned_arr) as churned_arr,
        sum(net_new_arr) as net_new_arr,
        sum(case when movement_type = 'new' then 1 else 0 end) as new_customers,
        sum(case when movement_type = 'reactivation' then 1 else 0 end) as reactivated_customers,
        sum(case when movement_type = 'churned' then 1 else 0 end) as logo_churn
    from movements
    group by iso_week
),

retention as (
    -- cohort: accounts with ARR above zero on the Sunday 364 days earlier;
    -- a churned account counts as zero now, GRR caps each at its ARR then
    select
        iso_week,
        count(*) as cohort_accounts,
        sum(case when arr > 0 then 1 else 0 end) as cohort_accounts_retained,
        sum(arr_52_weeks_ago) as cohort_arr_52_weeks_ago,
        sum(case when arr > 0 then arr else 0 end) as cohort_arr,
        sum(
            case
                when arr <= 0 then 0
                when arr > arr_52_weeks_ago then arr_52_weeks_ago
                else arr
            end
        ) as cohort_arr_capped
    from account_arr
    where arr_52_weeks_ago > 0
    group by iso_week
),

final as (
    select
        cast(weeks.iso_week as {{ dbt.type_string() }}) as iso_week,
        cast(weeks.week_end_date as date) as week_end_date,
        cast(coalesce(arr_totals.arr, 0) as {{ revops.type_money() }}) as arr,
        cast(coalesce(lag(arr_totals.arr) over (order by weeks.week_start_date), 0) as {{ revops.type_money() }})
            as previous_arr,
        cast(coalesce(arr_totals.customers, 0) as {{ dbt.type_bigint() }}) as customers,
        cast(coalesce(movement_totals.new_arr, 0) as {{ revops.type_money() }}) as new_arr,
        cast(coalesce(movement_totals.reactivation_arr, 0) as {{ revops.type_money() }}) as reactivation_arr,
        cast(coalesce(movement_totals.expansion_arr, 0) as {{ revops.type_money() }}) as expansion_arr,
        cast(coalesce(movement_totals.contraction_arr, 0) as {{ revops.type_money() }}) as contraction_arr,
        cast(coalesce(movement_totals.churned_arr, 0) as {{ revops.type_money() }}) as churned_arr,
        cast(coalesce(movement_totals.net_new_arr, 0) as {{ revops.type_money() }}) as net_new_arr,
        cast(coalesce(movement_totals.new_customers, 0) as {{ dbt.type_bigint() }}) as new_customers,
        cast(coalesce(movement_totals.reactivated_customers, 0) as {{ dbt.type_bigint() }}) as reactivated_customers,
        cast(coalesce(movement_totals.logo_churn, 0) as {{ dbt.type_bigint() }}) as logo_churn,
        cast(coalesce(retention.cohort_accounts, 0) as {{ dbt.type_bigint() }}) as cohort_accounts,
        cast(retention.cohort_arr_52_weeks_ago as {{ revops.type_money() }}) as cohort_arr_52_weeks_ago,
        cast(retention.cohort_arr as {{ revops.type_money() }}) as cohort_arr,
        cast(retention.cohort_arr_capped as {{ revops.type_money() }}) as cohort_arr_capped,
        cast(
            {{ revops.safe_ratio('retention.cohort_arr', 'retention.cohort_arr_52_weeks_ago', 100) }}
            as {{ revops.type_ratio() }}
        ) as nrr,
        cast(
            {{ revops.safe_ratio('retention.cohort_arr_capped', 'retention.cohort_arr_52_weeks_ago', 100) }}
            as {{ revops.type_ratio() }}
        ) as grr,
        cast(
            {{ revops.safe_ratio('retention.cohort_accounts_retained', 'retention.cohort_accounts', 100) }}
            as {{ revops.type_ratio() }}
        ) as logo_retention
    from weeks
    left join arr_totals
        on weeks.iso_week = arr_totals.iso_week
    left join movement_totals
        on weeks.iso_week = movement_totals.iso_week
    left join retention
        on weeks.iso_week = retention.iso_week
)

select * from final
