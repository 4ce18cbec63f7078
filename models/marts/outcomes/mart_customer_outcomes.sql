{%- set dimensions = ['acquisition_channel', 'campaign', 'segment', 'industry', 'owner'] -%}

with

outcomes as (
    select * from {{ ref('int_outcomes__account_outcomes_weekly') }}
),

accounts as (
    select * from {{ ref('dim_accounts') }}
),

described as (
    select
        outcomes.*,
        coalesce(accounts.first_touch_channel, 'Unknown') as acquisition_channel,
        coalesce(accounts.first_touch_campaign, 'Unknown') as campaign,
        coalesce(accounts.segment, 'Unknown') as segment,
        coalesce(accounts.industry, 'Unknown') as industry,
        coalesce(accounts.owner_name, 'Unknown') as owner
    from outcomes
    inner join accounts
        on outcomes.account_id = accounts.account_id
),

grouped as (
    {%- for dimension in dimensions %}
        select
            iso_week,
            week_end_date,
            '{{ dimension }}' as dimension,
            {{ dimension }} as dimension_value,
            count(*) as customers_won,
            sum(is_customer) as customers,
            sum(arr) as arr,
            sum(logo_churn_52w) as logo_churn_52w,
            sum(churned_arr_52w) as churned_arr_52w,
            sum(is_in_retention_cohort) as cohort_accounts,
            sum(is_retained) as cohort_accounts_retained,
            sum(case when is_in_retention_cohort = 1 then arr_52_weeks_ago else 0 end) as cohort_arr_52_weeks_ago,
            sum(cohort_arr) as cohort_arr,
            sum(cohort_arr_capped) as cohort_arr_capped,
            sum(promoters_13w) as promoters_13w,
            sum(detractors_13w) as detractors_13w,
            sum(nps_responses_13w) as nps_responses_13w,
            sum(tickets_13w) as tickets_13w,
            avg(days_won_to_first_invoice) as avg_days_won_to_first_invoice
        from described
        group by iso_week, week_end_date, {{ dimension }}
        {{ "union all" if not loop.last }}
    {%- endfor %}
),

final as (
    select
        cast(iso_week as {{ dbt.type_string() }}) as iso_week,
        cast(week_end_date as date) as week_end_date,
        cast(dimension as {{ dbt.type_string() }}) as dimension,
        cast(dimension_value as {{ dbt.type_string() }}) as dimension_value,
        cast(customers_won as {{ dbt.type_bigint() }}) as customers_won,
        cast(customers as {{ dbt.type_bigint() }}) as customers,
        cast(arr as {{ revops.type_money() }}) as arr,
        cast(logo_churn_52w as {{ dbt.type_bigint() }}) as logo_churn_52w,
        cast(churned_arr_52w as {{ revops.type_money() }}) as churned_arr_52w,
        cast(cohort_accounts as {{ dbt.type_bigint() }}) as cohort_accounts,
        cast(cohort_arr_52_weeks_ago as {{ revops.type_money() }}) as cohort_arr_52_weeks_ago,
        cast(cohort_arr as {{ revops.type_money() }}) as cohort_arr,
        cast(cohort_arr_capped as {{ revops.type_money() }}) as cohort_arr_capped,
        cast(
            {{ revops.safe_ratio('cohort_accounts - cohort_accounts_retained', 'cohort_accounts', 100) }}
            as {{ revops.type_ratio() }}
        ) as logo_churn_rate,
        cast(
            100 - {{ revops.safe_ratio('cohort_arr_capped', 'cohort_arr_52_weeks_ago', 100) }}
            as {{ revops.type_ratio() }}
        ) as revenue_churn_rate,
        cast(
            {{ revops.safe_ratio('cohort_arr', 'cohort_arr_52_weeks_ago', 100) }}
            as {{ revops.type_ratio() }}
        ) as nrr,
        cast(
            {{ revops.safe_ratio('cohort_arr_capped', 'cohort_arr_52_weeks_ago', 100) }}
            as {{ revops.type_ratio() }}
        ) as grr,
        cast(nps_responses_13w as {{ dbt.type_bigint() }}) as nps_responses_13w,
        cast(
            {{ revops.nps_score('promoters_13w', 'detractors_13w', 'nps_responses_13w') }}
            as {{ revops.type_ratio() }}
        ) as nps_13w,
        cast(tickets_13w as {{ dbt.type_bigint() }}) as tickets_13w,
        cast(
            tickets_13w * 1.0 / nullif(customers, 0)
            as {{ revops.type_ratio() }}
        ) as tickets_per_customer_13w,
        cast(
            avg_days_won_to_first_invoice
            as {{ revops.type_ratio() }}
        ) as avg_days_won_to_first_invoice
    from grouped
)

select * from final
