{#- One row per ISO week: the bookings forecast for the fiscal quarter
    holding the week's Sunday, as the data stood at week end (strictly
    before next Monday 00:00 UTC), from that quarter's row of
    int_sales__forecast_by_close_quarter_weekly. Bookings to date: New
    Business and Expansion deals whose state at week end was a won stage
    with a close date (as it stood then) in the quarter, amount then at the
    close-date rate. Open pipeline: the deals open at week end closing in
    the quarter (as it stood then). Forecasts: weighted = bookings to date +
    weighted pipeline; commit = bookings to date + commit; best case =
    bookings to date + commit + best case. Once the quarter has ended
    within the data, actual_bookings is the quarter's bookings as the
    bookings metric counts them today (won, current close date and amount). -#}
with

sales_weeks as (
    select * from {{ ref('int_sales__weeks') }}
),

quarter_forecasts as (
    select * from {{ ref('int_sales__forecast_by_close_quarter_weekly') }}
    where is_week_quarter
),

opportunities as (
    select * from {{ ref('fct_opportunities') }}
),

actuals as (
    select
        sales_weeks.iso_week,
        sum(opportunities.amount_reporting) as actual_bookings
    from sales_weeks
    inner join opportunities
        on sales_weeks.quarter_start_date <= opportunities.close_date
            and sales_weeks.quarter_end_date >= opportunities.close_date
    where opportunities.is_won
        and (opportunities.is_new_business or opportunities.is_expansion)
    group by sales_weeks.iso_week
),

final as (
    select
        cast(sales_weeks.iso_week as {{ dbt.type_string() }}) as iso_week,
        cast(sales_weeks.week_end_date as date) as week_end_date,
        cast(sales_weeks.fiscal_year as integer) as fiscal_year,
        cast(sales_weeks.fiscal_quarter as integer) as fiscal_quarter,
        cast(sales_weeks.fiscal_quarter_name as {{ dbt.type_string() }}) as fiscal_quarter_name,
        cast(sales_weeks.quarter_start_date as date) as quarter_start_date,
        cast(sales_weeks.quarter_end_date as date) as quarter_end_date,
        cast(sales_weeks.weeks_before_quarter_end as integer) as weeks_before_quarter_end,
        cast(quarter_forecasts.won_deals_to_date as {{ dbt.type_bigint() }}) as won_deals_to_date,
        cast(quarter_forecasts.bookings_to_date as {{ revops.type_money() }}) as bookings_to_date,
        cast(quarter_forecasts.open_opportunity_count as {{ dbt.type_bigint() }}) as open_opportunity_count,
        cast(quarter_forecasts.open_pipeline as {{ revops.type_money() }}) as open_pipeline,
        cast(quarter_forecasts.weighted_pipeline as {{ revops.type_money() }}) as weighted_pipeline,
        cast(quarter_forecasts.commit_amount as {{ revops.type_money() }}) as commit_amount,
        cast(quarter_forecasts.best_case_amount as {{ revops.type_money() }}) as best_case_amount,
        cast(
            quarter_forecasts.bookings_to_date + quarter_forecasts.weighted_pipeline as {{ revops.type_money() }}
        ) as forecast_weighted,
        cast(
            quarter_forecasts.bookings_to_date + quarter_forecasts.commit_amount as {{ revops.type_money() }}
        ) as forecast_commit,
        cast(
            quarter_forecasts.bookings_to_date + quarter_forecasts.commit_amount + quarter_forecasts.best_case_amount
            as {{ revops.type_money() }}
        ) as forecast_best_case,
        cast(sales_weeks.is_quarter_closed as {{ dbt.type_boolean() }}) as is_quarter_closed,
        cast(
            case when sales_weeks.is_quarter_closed then coalesce(actuals.actual_bookings, 0) end
            as {{ revops.type_money() }}
        ) as actual_bookings,
        cast(quarter_forecasts.fx_rate_missing_count as {{ dbt.type_bigint() }}) as fx_rate_missing_count
    from sales_weeks
    inner join quarter_forecasts
        on sales_weeks.iso_week = quarter_forecasts.iso_week
    left join actuals
        on sales_weeks.iso_week = actuals.iso_week
)

select * from final
