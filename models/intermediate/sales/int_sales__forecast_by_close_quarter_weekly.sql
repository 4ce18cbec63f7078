{#- One row per ISO week of int_sales__weeks and fiscal quarter that is
    either the quarter holding the week's Sunday (is_week_quarter, always
    present) or the quarter of the close date, as it stood at week end, of a
    New Business or Expansion deal then open or won. From the deals as the
    data stood at week end (int_sales__opportunity_states_weekly):
    - open pipeline: count, amount and weighted amount at the Sunday's rate,
      and the forecast categories commit, best case and pipeline (each on
      its own, not cumulative);
    - bookings to date: the deals whose state at week end was a won stage,
      amount then at the close-date rate. A deal won after the week ended
      is not in it yet; one moved from won to lost leaves it from the week
      of the change on.
    fx_rate_missing_count counts the deals of both whose amount was left out
    for want of a rate. Deals without a close date in the calendar hold no
    quarter and are left out. The one implementation of the close-quarter
    forecast figures read by fct_forecast_weekly and mart_sales_forecast. -#}
with

week_states as (
    select * from {{ ref('int_sales__opportunity_states_weekly') }}
),

sales_weeks as (
    select * from {{ ref('int_sales__weeks') }}
),

quarter_totals as (
    select
        iso_week,
        close_fiscal_year as fiscal_year,
        close_fiscal_quarter as fiscal_quarter,
        sum(case when is_open_stage then 1 else 0 end) as open_opportunity_count,
        sum(case when is_open_stage then amount_reporting end) as open_pipeline,
        sum(case when is_open_stage then weighted_amount_reporting end) as weighted_pipeline,
        sum(case when is_open_stage and lower(trim(forecast_category)) = 'commit' then amount_reporting end)
            as commit_amount,
        sum(case when is_open_stage and lower(trim(forecast_category)) = 'best case' then amount_reporting end)
            as best_case_amount,
        sum(case when is_open_stage and lower(trim(forecast_category)) = 'pipeline' then amount_reporting end)
            as pipeline_category_amount,
        sum(case when stage_category = 'won' then 1 else 0 end) as won_deals_to_date,
        sum(case when stage_category = 'won' then amount_reporting end) as bookings_to_date,
        sum(case when is_fx_rate_missing then 1 else 0 end) as fx_rate_missing_count
    from week_states
    where close_fiscal_year is not null
    group by iso_week, close_fiscal_year, close_fiscal_quarter
),

week_quarters as (
    select
        iso_week,
        fiscal_year,
        fiscal_quarter
    from quarter_totals
    union
    select
        iso_week,
        fiscal_year,
        fiscal_quarter
    from sales_weeks
),

final as (
    select
        week_quarters.iso_week,
        sales_weeks.week_end_date,
        week_quarters.fiscal_year,
        week_quarters.fiscal_quarter,
        week_quarters.fiscal_year = sales_weeks.fiscal_year
        and week_quarters.fiscal_quarter = sales_weeks.fiscal_quarter as is_week_quarter,
        cast(coalesce(quarter_totals.open_opportunity_count, 0) as {{ dbt.type_bigint() }}) as open_opportunity_count,
        cast(coalesce(quarter_totals.open_pipeline, 0) as {{ revops.type_money() }}) as open_pipeline,
        cast(coalesce(quarter_totals.weighted_pipeline, 0) as {{ revops.type_money() }}) as weighted_pipeline,
        cast(coalesce(quarter_totals.commit_amount, 0) as {{ revops.type_money() }}) as commit_amount,
        cast(coalesce(quarter_totals.best_case_amount, 0) as {{ revops.type_money() }}) as best_case_amount,
        cast(coalesce(quarter_totals.pipeline_category_amount, 0) as {{ revops.type_money() }})
            as pipeline_category_amount,
        cast(coalesce(quarter_totals.won_deals_to_date, 0) as {{ dbt.type_bigint() }}) as won_deals_to_date,
        cast(coalesce(quarter_totals.bookings_to_date, 0) as {{ revops.type_money() }}) as bookings_to_date,
        cast(coalesce(quarter_totals.fx_rate_missing_count, 0) as {{ dbt.type_bigint() }}) as fx_rate_missing_count
    from week_quarters
    inner join sales_weeks
        on week_quarters.iso_week = sales_weeks.iso_week
    left join quarter_totals
        on week_quarters.iso_week = quarter_totals.iso_week
            and week_quarters.fiscal_year = quarter_totals.fiscal_year
            and week_quarters.fiscal_quarter = quarter_totals.fiscal_quarter
)

select * from final
