{#- One row per ISO week: the bookings forecast for the fiscal quarter
    holding the week's Sunday, as the data stood at week end (strictly
    before next Monday 00:00 UTC). Bookings to date: New Business and
    Expansion deals whose state at week end was a won stage with a close
    date (as it stood then) in the quarter, amount then at the close-date
    rate. Open pipeline: fct_pipeline_weekly's open deals closing in the
    quarter (as it stood then). Forecasts: weighted = bookings to date +
    weighted pipeline; commit = bookings to date + commit; best case =
    bookings to date + commit + best case. Once the quarter has ended
    within the data, actual_bookings is the quarter's bookings as the
    bookings metric counts them today (won, current close date and amount). -#}
with

states as (
    select * from {{ ref('int_sales__opportunity_states') }}
),

pipeline as (
    select * from {{ ref('fct_pipeline_weekly') }}
),

opportunities as (
    select * from {{ ref('fct_opportunities') }}
),

weeks as (
    select * from {{ ref('int_calendar__weeks') }}
),

days as (
    select * from {{ ref('int_calendar__days') }}
),

data_as_of as (
    select * from {{ ref('int_sales__data_as_of') }}
),

fx_rates as (
    select * from {{ ref('int_finance__fx_rates_daily') }}
),

first_week as (
    select min(week_end_date) as first_week_end_date from pipeline
),

forecast_weeks as (
    select
        weeks.iso_week,
        weeks.week_end_date,
        weeks.week_end_at,
        days.fiscal_year,
        days.fiscal_quarter,
        days.fiscal_quarter_name,
        {{ revops.fiscal_quarter_start('days.month_start_date', 'days.calendar_month') }} as quarter_start_date,
        {{ revops.period_last_day(revops.fiscal_quarter_start('days.month_start_date', 'days.calendar_month'), 3) }}
            as quarter_end_date,
        cast(floor({{ revops.days_between(
            'weeks.week_end_date',
            revops.period_last_day(revops.fiscal_quarter_start('days.month_start_date', 'days.calendar_month'), 3)
        ) }} / 7.0) as integer) as weeks_before_quarter_end,
        {{ revops.period_last_day(revops.fiscal_quarter_start('days.month_start_date', 'days.calendar_month'), 3) }}
        <= data_as_of.last_complete_week_end_date as is_quarter_closed
    from weeks
    inner join days
        on weeks.week_end_date = days.calendar_date
    cross join first_week
    cross join data_as_of
    where weeks.week_end_date >= first_week.first_week_end_date
        and weeks.week_end_date <= data_as_of.last_complete_week_end_date
),

won_at_week_end as (
    select
        forecast_weeks.iso_week,
        count(*) as won_deals_to_date,
        sum({{ revops.to_reporting_currency('states.amount', 'fx_rates.to_reporting_rate') }}) as bookings_to_date,
        sum(case when fx_rates.to_reporting_rate is null and states.amount is not null then 1 else 0 end)
            as fx_rate_missing_count
    from forecast_weeks
    inner join states
        on forecast_weeks.week_end_at > states.created_at
            and forecast_weeks.week_end_at > states.valid_from
            and (states.valid_to is null or forecast_weeks.week_end_at <= states.valid_to)
            and forecast_weeks.quarter_start_date <= states.close_date
            and forecast_weeks.quarter_end_date >= states.close_date
    left join fx_rates
        on states.currency_code = fx_rates.currency_code
            and states.close_date = fx_rates.calendar_date
    where (states.is_new_business or states.is_expansion)
        and states.stage_category = 'won'
    group by forecast_weeks.iso_week
),

open_in_quarter as (
    select
        forecast_weeks.iso_week,
        count(*) as open_opportunity_count,
        sum(pipeline.amount_reporting) as open_pipeline,
        sum(pipeline.weighted_amount_reporting) as weighted_pipeline,
        sum(case when lower(trim(pipeline.forecast_category)) = 'commit' then pipeline.amount_reporting else 0 end)
            as commit_amount,
        sum(
            case when lower(trim(pipeline.forecast_category)) = 'best case' then pipeline.amount_reporting else 0 end
        ) as best_case_amount,
        sum(case when pipeline.is_fx_rate_missing then 1 else 0 end) as fx_rate_missing_count
    from forecast_weeks
    inner join pipeline
        on forecast_weeks.iso_week = pipeline.iso_week
            and forecast_weeks.quarter_start_date <= pipeline.close_date
            and forecast_weeks.quarter_end_date >= pipeline.close_date
    group by forecast_weeks.iso_week
),

actuals as (
    select
        forecast_weeks.iso_week,
        sum(opportunities.amount_reporting) as actual_bookings
    from forecast_weeks
    inner join opportunities
        on forecast_weeks.quarter_start_date <= opportunities.close_date
            and forecast_weeks.quarter_end_date >= opportunities.close_date
    where opportunities.is_won
        and (opportunities.is_new_business or opportunities.is_expansion)
    group by forecast_weeks.iso_week
),

combined as (
    select
        forecast_weeks.iso_week,
        forecast_weeks.week_end_date,
        forecast_weeks.fiscal_year,
        forecast_weeks.fiscal_quarter,
        forecast_weeks.fiscal_quarter_name,
        forecast_weeks.quarter_start_date,
        forecast_weeks.quarter_end_date,
        forecast_weeks.weeks_before_quarter_end,
        forecast_weeks.is_quarter_closed,
        coalesce(won_at_week_end.won_deals_to_date, 0) as won_deals_to_date,
        coalesce(won_at_week_end.bookings_to_date, 0) as bookings_to_date,
        coalesce(open_in_quarter.open_opportunity_count, 0) as open_opportunity_count,
        coalesce(open_in_quarter.open_pipeline, 0) as open_pipeline,
        coalesce(open_in_quarter.weighted_pipeline, 0) as weighted_pipeline,
        coalesce(open_in_quarter.commit_amount, 0) as commit_amount,
        coalesce(open_in_quarter.best_case_amount, 0) as best_case_amount,
        coalesce(won_at_week_end.fx_rate_missing_count, 0) + coalesce(open_in_quarter.fx_rate_missing_count, 0)
            as fx_rate_missing_count,
        coalesce(actuals.actual_bookings, 0) as actual_bookings
    from forecast_weeks
    left join won_at_week_end
        on forecast_weeks.iso_week = won_at_week_end.iso_week
    left join open_in_quarter
        on forecast_weeks.iso_week = open_in_quarter.iso_week
    left join actuals
        on forecast_weeks.iso_week = actuals.iso_week
),

final as (
    select
        cast(iso_week as {{ dbt.type_string() }}) as iso_week,
        cast(week_end_date as date) as week_end_date,
        cast(fiscal_year as integer) as fiscal_year,
        cast(fiscal_quarter as integer) as fiscal_quarter,
        cast(fiscal_quarter_name as {{ dbt.type_string() }}) as fiscal_quarter_name,
        cast(quarter_start_date as date) as quarter_start_date,
        cast(quarter_end_date as date) as quarter_end_date,
        cast(weeks_before_quarter_end as integer) as weeks_before_quarter_end,
        cast(won_deals_to_date as {{ dbt.type_bigint() }}) as won_deals_to_date,
        cast(bookings_to_date as {{ revops.type_money() }}) as bookings_to_date,
        cast(open_opportunity_count as {{ dbt.type_bigint() }}) as open_opportunity_count,
        cast(open_pipeline as {{ revops.type_money() }}) as open_pipeline,
        cast(weighted_pipeline as {{ revops.type_money() }}) as weighted_pipeline,
        cast(commit_amount as {{ revops.type_money() }}) as commit_amount,
        cast(best_case_amount as {{ revops.type_money() }}) as best_case_amount,
        cast(bookings_to_date + weighted_pipeline as {{ revops.type_money() }}) as forecast_weighted,
        cast(bookings_to_date + commit_amount as {{ revops.type_money() }}) as forecast_commit,
        cast(bookings_to_date + commit_amount + best_case_amount as {{ revops.type_money() }}) as forecast_best_case,
        cast(is_quarter_closed as {{ dbt.type_boolean() }}) as is_quarter_closed,
        cast(case when is_quarter_closed then actual_bookings end as {{ revops.type_money() }}) as actual_bookings,
        cast(fx_rate_missing_count as {{ dbt.type_bigint() }}) as fx_rate_missing_count
    from combined
)

select * from final
