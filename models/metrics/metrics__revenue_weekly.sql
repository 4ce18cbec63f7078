{#- Revenue metrics per week, read from the weekly revenue mart: ARR, its
    movements, customers, logo churn, NRR and GRR. Weeks before the first
    revenue have zero ARR and no retention cohort; weeks after the mart's
    last week (the billing data does not reach them, D72) are null, never
    zero: fct_weekly_metrics gives them their reason. -#}
{%- set measures = [
    ('arr', 'arr'), ('new_arr', 'new_arr'), ('reactivation_arr', 'reactivation_arr'),
    ('expansion_arr', 'expansion_arr'), ('contraction_arr', 'contraction_arr'),
    ('churned_arr', 'churned_arr'), ('net_new_arr', 'net_new_arr'), ('customers', 'customers'),
    ('logo_churn', 'logo_churn'), ('cohort_arr', 'cohort_arr_now'),
    ('cohort_arr_capped', 'cohort_arr_capped'), ('cohort_arr_52_weeks_ago', 'cohort_arr_then'),
] %}
with

weeks as (
    select * from {{ ref('metrics__weeks') }}
),

revenue_weekly as (
    select * from {{ ref('mart_revenue_weekly') }}
),

last_revenue_week as (
    select max(iso_week) as iso_week
    from revenue_weekly
),

by_week as (
    select
        {%- for column, name in measures %}
            case
                when weeks.iso_week <= last_revenue_week.iso_week
                    then coalesce(revenue_weekly.{{ column }}, 0)
            end as {{ name }},
        {%- endfor %}
        weeks.iso_week
    from weeks
    cross join last_revenue_week
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
