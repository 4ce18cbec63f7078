{#- Cohort retention by first-revenue month: the cohort is the month of an
    account's first Sunday with ARR above zero; each later month is read on
    its last Sunday in the reporting weeks. -#}
with

account_arr as (
    select * from {{ ref('int_revenue__account_arr_weekly') }}
),

with_months as (
    select
        account_id,
        week_end_date,
        arr,
        cast({{ dbt.date_trunc('month', 'week_end_date') }} as date) as arr_month,
        min(cast({{ dbt.date_trunc('month', 'week_end_date') }} as date)) over (partition by account_id)
            as cohort_month,
        max(week_end_date) over (
            partition by account_id, cast({{ dbt.date_trunc('month', 'week_end_date') }} as date)
        ) as last_sunday_of_month
    from account_arr
),

month_ends as (
    select
        account_id,
        cohort_month,
        arr_month,
        arr,
        max(case when cohort_month = arr_month then arr end) over (partition by account_id) as arr_month_zero_end
    from with_months
    where week_end_date = last_sunday_of_month
),

final as (
    select
        cast(cohort_month as date) as cohort_month,
        cast(
            (extract(year from arr_month) - extract(year from cohort_month)) * 12
            + extract(month from arr_month) - extract(month from cohort_month)
            as integer
        ) as months_since_start,
        cast(count(*) as {{ dbt.type_bigint() }}) as cohort_accounts,
        cast(sum(case when arr > 0 then 1 else 0 end) as {{ dbt.type_bigint() }}) as active_accounts,
        cast(sum(arr_month_zero_end) as {{ revops.type_money() }}) as starting_arr,
        cast(sum(case when arr > 0 then arr else 0 end) as {{ revops.type_money() }}) as arr,
        cast(
            {{ revops.safe_ratio('sum(case when arr > 0 then 1 else 0 end)', 'count(*)', 100) }}
            as {{ revops.type_ratio() }}
        ) as logo_retention,
        cast(
            {{ revops.safe_ratio('sum(case when arr > 0 then arr else 0 end)', 'sum(arr_month_zero_end)', 100) }}
            as {{ revops.type_ratio() }}
        ) as revenue_retention
    from month_ends
    group by cohort_month, arr_month
)

select * from final
