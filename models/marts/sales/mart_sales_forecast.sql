{#- One row per ISO week end and fiscal close quarter: the open pipeline at
    week end (fct_pipeline_weekly) whose close date, as it stood then, falls
    in the quarter, weighted and by forecast category (commit, best case,
    pipeline; each category on its own, not cumulative), the bookings won in
    the quarter by week end, and coverage against the bookings target seed.
    The quarter holding the week's Sunday is always present. -#}
with

pipeline as (
    select * from {{ ref('fct_pipeline_weekly') }}
),

opportunities as (
    select * from {{ ref('fct_opportunities') }}
),

days as (
    select * from {{ ref('int_calendar__days') }}
),

-- Quarterly bookings targets from the one targets seed; a quarter's target
-- row starts on the quarter's first day.
targets as (
    select
        days.fiscal_year,
        days.fiscal_quarter,
        metric_targets.target_value as bookings_target
    from {{ ref('metric_targets') }} as metric_targets
    inner join days
        on metric_targets.period_start = days.calendar_date
    where metric_targets.metric_key = 'bookings' and metric_targets.period_type = 'quarter'
),

pipeline_by_quarter as (
    select
        iso_week,
        week_end_date,
        close_fiscal_year as fiscal_year,
        close_fiscal_quarter as fiscal_quarter,
        count(*) as open_opportunity_count,
        sum(amount_reporting) as open_pipeline,
        sum(weighted_amount_reporting) as weighted_pipeline,
        sum(case when lower(trim(forecast_category)) = 'commit' then amount_reporting else 0 end) as commit_amount,
        sum(case when lower(trim(forecast_category)) = 'best case' then amount_reporting else 0 end)
            as best_case_amount,
        sum(case when lower(trim(forecast_category)) = 'pipeline' then amount_reporting else 0 end)
            as pipeline_category_amount,
        sum(case when is_fx_rate_missing then 1 else 0 end) as fx_rate_missing_count
    from pipeline
    group by iso_week, week_end_date, close_fiscal_year, close_fiscal_quarter
),

snapshot_weeks as (
    select distinct
        pipeline.iso_week,
        pipeline.week_end_date,
        days.fiscal_year,
        days.fiscal_quarter
    from pipeline
    inner join days
        on pipeline.week_end_date = days.calendar_date
),

week_quarters as (
    select
        iso_week,
        week_end_date,
        fiscal_year,
        fiscal_quarter
    from pipeline_by_quarter
    union
    select
        iso_week,
        week_end_date,
        fiscal_year,
        fiscal_quarter
    from snapshot_weeks
),

won_deals as (
    select
        close_date,
        close_fiscal_year,
        close_fiscal_quarter,
        amount_reporting
    from opportunities
    where is_won
        and (is_new_business or is_expansion)
),

bookings_to_date as (
    select
        week_quarters.iso_week,
        week_quarters.fiscal_year,
        week_quarters.fiscal_quarter,
        sum(won_deals.amount_reporting) as bookings_to_date
    from week_quarters
    inner join won_deals
        on week_quarters.fiscal_year = won_deals.close_fiscal_year
            and week_quarters.fiscal_quarter = won_deals.close_fiscal_quarter
            and week_quarters.week_end_date >= won_deals.close_date
    group by week_quarters.iso_week, week_quarters.fiscal_year, week_quarters.fiscal_quarter
),

combined as (
    select
        week_quarters.iso_week,
        week_quarters.week_end_date,
        week_quarters.fiscal_year,
        week_quarters.fiscal_quarter,
        targets.bookings_target,
        coalesce(pipeline_by_quarter.open_opportunity_count, 0) as open_opportunity_count,
        coalesce(pipeline_by_quarter.open_pipeline, 0) as open_pipeline,
        coalesce(pipeline_by_quarter.weighted_pipeline, 0) as weighted_pipeline,
        coalesce(pipeline_by_quarter.commit_amount, 0) as commit_amount,
        coalesce(pipeline_by_quarter.best_case_amount, 0) as best_case_amount,
        coalesce(pipeline_by_quarter.pipeline_category_amount, 0) as pipeline_category_amount,
        coalesce(pipeline_by_quarter.fx_rate_missing_count, 0) as fx_rate_missing_count,
        coalesce(bookings_to_date.bookings_to_date, 0) as bookings_to_date
    from week_quarters
    left join pipeline_by_quarter
        on week_quarters.iso_week = pipeline_by_quarter.iso_week
            and week_quarters.fiscal_year = pipeline_by_quarter.fiscal_year
            and week_quarters.fiscal_quarter = pipeline_by_quarter.fiscal_quarter
    left join bookings_to_date
        on week_quarters.iso_week = bookings_to_date.iso_week
            and week_quarters.fiscal_year = bookings_to_date.fiscal_year
            and week_quarters.fiscal_quarter = bookings_to_date.fiscal_quarter
    left join targets
        on week_quarters.fiscal_year = targets.fiscal_year
            and week_quarters.fiscal_quarter = targets.fiscal_quarter
),

final as (
    select
        cast({{ revops.surrogate_key(['iso_week', 'fiscal_year', 'fiscal_quarter']) }} as {{ dbt.type_string() }})
            as forecast_id,
        cast(iso_week as {{ dbt.type_string() }}) as iso_week,
        cast(week_end_date as date) as week_end_date,
        cast(fiscal_year as integer) as close_fiscal_year,
        cast(fiscal_quarter as integer) as close_fiscal_quarter,
        cast(
            {{ dbt.concat([
                "'FY'",
                "cast(fiscal_year as " ~ dbt.type_string() ~ ")",
                "'-Q'",
                "cast(fiscal_quarter as " ~ dbt.type_string() ~ ")"
            ]) }} as {{ dbt.type_string() }}
        ) as close_fiscal_quarter_name,
        cast(open_opportunity_count as bigint) as open_opportunity_count,
        cast(open_pipeline as {{ revops.type_money() }}) as open_pipeline,
        cast(weighted_pipeline as {{ revops.type_money() }}) as weighted_pipeline,
        cast(commit_amount as {{ revops.type_money() }}) as commit_amount,
        cast(best_case_amount as {{ revops.type_money() }}) as best_case_amount,
        cast(pipeline_category_amount as {{ revops.type_money() }}) as pipeline_category_amount,
        cast(bookings_to_date as {{ revops.type_money() }}) as bookings_to_date,
        cast(bookings_target as {{ revops.type_money() }}) as bookings_target,
        cast(
            case when bookings_target > bookings_to_date then bookings_target - bookings_to_date else 0 end
            as {{ revops.type_money() }}
        ) as remaining_target,
        cast(open_pipeline / nullif(bookings_target, 0) as {{ revops.type_ratio() }}) as pipeline_coverage,
        cast(
            open_pipeline / nullif(
                case when bookings_target > bookings_to_date then bookings_target - bookings_to_date else 0 end, 0
            ) as {{ revops.type_ratio() }}
        ) as remaining_pipeline_coverage,
        cast(fx_rate_missing_count as bigint) as fx_rate_missing_count
    from combined
)

select * from final
