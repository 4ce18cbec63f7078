{#- ARR of every non-internal account on every Sunday from its first Sunday
    with ARR above zero to the last reporting week (zeros kept, so churn,
    reactivation and the 52-week cohort are plain window lookups). ARR =
    12 x the sum of its lines' MRR whose period contains the Sunday by date. -#}
with

lines as (
    select * from {{ ref('int_revenue__subscription_lines') }}
    where
        not is_internal
        and mrr is not null
),

weeks as (
    select * from {{ ref('int_revenue__weeks') }}
),

line_weeks as (
    select
        lines.account_id,
        weeks.iso_week,
        sum(lines.mrr) as mrr,
        sum(lines.quantity) as seats
    from lines
    inner join weeks
        on
            lines.period_start_date <= weeks.week_end_date
            and lines.period_end_date > weeks.week_end_date
    group by lines.account_id, weeks.iso_week
),

first_positive_weeks as (
    select
        line_weeks.account_id,
        min(weeks.week_number) as first_week_number
    from line_weeks
    inner join weeks
        on line_weeks.iso_week = weeks.iso_week
    where line_weeks.mrr > 0
    group by line_weeks.account_id
),

account_weeks as (
    select
        first_positive_weeks.account_id,
        weeks.iso_week,
        weeks.week_end_date,
        weeks.week_number,
        weeks.week_number - first_positive_weeks.first_week_number as weeks_since_first_arr
    from first_positive_weeks
    inner join weeks
        on first_positive_weeks.first_week_number <= weeks.week_number
),

with_arr as (
    select
        account_weeks.account_id,
        account_weeks.iso_week,
        account_weeks.week_end_date,
        account_weeks.week_number,
        account_weeks.weeks_since_first_arr,
        cast(coalesce(line_weeks.mrr, 0) as {{ revops.type_money() }}) as mrr,
        cast(coalesce(line_weeks.mrr, 0) * 12 as {{ revops.type_money() }}) as arr,
        cast(coalesce(line_weeks.seats, 0) as {{ dbt.type_bigint() }}) as seats
    from account_weeks
    left join line_weeks
        on
            account_weeks.account_id = line_weeks.account_id
            and account_weeks.iso_week = line_weeks.iso_week
),

final as (
    select
        account_id,
        iso_week,
        week_end_date,
        week_number,
        weeks_since_first_arr,
        mrr,
        arr,
        seats,
        lag(arr, 13) over (partition by account_id order by week_number) as arr_13_weeks_ago,
        lag(seats, 13) over (partition by account_id order by week_number) as seats_13_weeks_ago,
        cast(
            coalesce(lag(arr) over (partition by account_id order by week_number), 0)
            as {{ revops.type_money() }}
        ) as previous_arr,
        -- the rows are dense per account, so 52 rows back is the Sunday 364 days earlier
        lag(arr, 52) over (partition by account_id order by week_number) as arr_52_weeks_ago,
        coalesce(
            max(case when arr > 0 then 1 else 0 end) over (
                partition by account_id order by week_number
                rows between unbounded preceding and 1 preceding
            ),
            0
        ) = 1 as was_positive_before
    from with_arr
)

select * from final
