{#- One row per ISO week end and fiscal close quarter: the quarter holding
    the week's Sunday (always present) and every quarter holding the close
    date, as it stood at week end, of an open deal. From
    int_sales__forecast_by_close_quarter_weekly, as the data stood at week
    end: the open pipeline closing in the quarter, weighted and by forecast
    category (commit, best case, pipeline; each category on its own, not
    cumulative); bookings to date, the deals whose state at week end was a
    won stage with a close date then in the quarter (the same figure as
    fct_forecast_weekly's, so a deal won later, or whose close date was
    moved back later, never leaks into past weeks); and coverage against
    the bookings target seed. -#}
with

quarter_forecasts as (
    select * from {{ ref('int_sales__forecast_by_close_quarter_weekly') }}
    where is_week_quarter or open_opportunity_count > 0
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

combined as (
    select
        quarter_forecasts.*,
        targets.bookings_target,
        -- null without a target (not measurable, never 0); 0 once it is met
        case
            when targets.bookings_target is null then null
            when targets.bookings_target > quarter_forecasts.bookings_to_date
                then targets.bookings_target - quarter_forecasts.bookings_to_date
            else 0
        end as remaining_target
    from quarter_forecasts
    left join targets
        on quarter_forecasts.fiscal_year = targets.fiscal_year
            and quarter_forecasts.fiscal_quarter = targets.fiscal_quarter
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
        cast(remaining_target as {{ revops.type_money() }}) as remaining_target,
        cast(open_pipeline / nullif(bookings_target, 0) as {{ revops.type_ratio() }}) as pipeline_coverage,
        cast(open_pipeline / nullif(remaining_target, 0) as {{ revops.type_ratio() }}) as remaining_pipeline_coverage,
        cast(fx_rate_missing_count as bigint) as fx_rate_missing_count
    from combined
)

select * from final
