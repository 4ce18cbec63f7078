{#- One row per New Business or Expansion opportunity and ISO week whose
    state at week end (strictly before next Monday 00:00 UTC) was an open or
    a won stage: the opportunity created by then, its state the interval of
    int_sales__opportunity_states holding the week end (an opportunity whose
    history all comes later has no state yet), in the weeks of
    int_sales__weeks (up to the last complete week of the landed data). The amount is converted at the FX date of the metric that
    reads the row: the week's Sunday for an open deal (open pipeline), the
    close date as it stood then for a won one (bookings). The one
    implementation of "the deal as the data stood at week end", read by the
    pipeline snapshot and by bookings to date. -#}
with

states as (
    select * from {{ ref('int_sales__opportunity_states') }}
),

sales_weeks as (
    select * from {{ ref('int_sales__weeks') }}
),

days as (
    select * from {{ ref('int_calendar__days') }}
),

fx_rates as (
    select * from {{ ref('int_finance__fx_rates_daily') }}
),

counted_states as (
    select * from states
    where (is_new_business or is_expansion)
        and (is_open_stage or stage_category = 'won')
),

states_at_week_end as (
    select
        counted_states.*,
        sales_weeks.iso_week,
        sales_weeks.week_start_date,
        sales_weeks.week_end_date,
        case
            when counted_states.is_open_stage then sales_weeks.week_end_date
            else counted_states.close_date
        end as fx_date
    from sales_weeks
    inner join counted_states
        on sales_weeks.week_end_at > counted_states.created_at
            and sales_weeks.week_end_at > counted_states.valid_from
            and (counted_states.valid_to is null or sales_weeks.week_end_at <= counted_states.valid_to)
),

converted as (
    select
        states_at_week_end.*,
        {{ revops.to_reporting_currency('states_at_week_end.amount', 'fx_rates.to_reporting_rate') }}
            as amount_reporting,
        fx_rates.to_reporting_rate is null and states_at_week_end.amount is not null as is_fx_rate_missing
    from states_at_week_end
    left join fx_rates
        on states_at_week_end.currency_code = fx_rates.currency_code
            and states_at_week_end.fx_date = fx_rates.calendar_date
),

final as (
    select
        converted.iso_week,
        converted.week_start_date,
        converted.week_end_date,
        converted.opportunity_id,
        converted.account_id,
        converted.is_new_business,
        converted.is_expansion,
        converted.state_source,
        converted.opportunity_history_id,
        converted.stage_name,
        converted.stage_category,
        converted.is_open_stage,
        converted.forecast_category,
        converted.close_date,
        close_days.fiscal_year as close_fiscal_year,
        close_days.fiscal_quarter as close_fiscal_quarter,
        close_days.fiscal_quarter_name as close_fiscal_quarter_name,
        cast(converted.probability as {{ revops.type_money() }}) as probability,
        converted.currency_code,
        cast(converted.amount as {{ revops.type_money() }}) as amount,
        converted.fx_date,
        converted.amount_reporting,
        cast(
            converted.amount_reporting * coalesce(converted.probability, 0) / 100 as {{ revops.type_money() }}
        ) as weighted_amount_reporting,
        converted.is_fx_rate_missing
    from converted
    left join days as close_days
        on converted.close_date = close_days.calendar_date
)

select * from final
