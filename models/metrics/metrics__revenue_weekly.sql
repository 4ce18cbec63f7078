-- Revenue metrics per week, read from the weekly revenue mart: ARR, its
-- movements, customers, logo churn, NRR and GRR. Weeks before the first
-- revenue have zero ARR and no retention cohort.
with

weeks as (
    select * from {{ ref('metrics__weeks') }}
),

revenue_weekly as (
    select * from {{ ref('mart_revenue_weekly') }}
),

by_week as (
    select
        weeks.iso_week,
        coalesce(revenue_weekly.arr, 0) as arr,
        coalesce(revenue_weekly.new_arr, 0) as new_arr,
        coalesce(revenue_weekly.reactivation_arr, 0) as reactivation_arr,
        coalesce(revenue_weekly.expansion_arr, 0) as expansion_arr,
        coalesce(revenue_weekly.contraction_arr, 0) as contraction_arr,
        coalesce(revenue_weekly.churned_arr, 0) as churned_arr,
        coalesce(revenue_weekly.net_new_arr, 0) as net_new_arr,
        coalesce(revenue_weekly.customers, 0) as customers,
        coalesce(revenue_weekly.logo_churn, 0) as logo_churn,
        coalesce(revenue_weekly.cohort_arr, 0) as cohort_arr_now,
        coalesce(revenue_weekly.cohort_arr_capped, 0) as cohort_arr_capped,
        coalesce(revenue_weekly.cohort_arr_52_weeks_ago, 0) as cohort_arr_then
    from weeks
    left join revenue_weekly
        on weeks.iso_week = revenue_weekly.iso_week
),

final as (
    {{ revops.unpivot_metrics('by_week', [
        {'key': 'arr', 'value': 'arr'},
        {'key': 'new_arr', 'value': 'new_arr'},
        {'key': 'reactivation_arr', 'value': 'reactivation_arr'},
        {'key': 'expansion_arr', 'value': 'expansion_arr'},
        {'key': 'contraction_arr', 'value': 'contraction_arr'},
        {'key': 'churned_arr', 'value': 'churned_arr'},
        {'key': 'net_new_arr', 'value': 'net_new_arr'},
        {'key': 'customers', 'value': 'customers'},
        {'key': 'logo_churn', 'value': 'logo_churn'},
        {'key': 'nrr', 'numerator': 'cohort_arr_now', 'denominator': 'cohort_arr_then', 'scale': 100},
        {'key': 'grr', 'numerator': 'cohort_arr_capped', 'denominator': 'cohort_arr_then', 'scale': 100},
    ]) }}
)

select * from final
