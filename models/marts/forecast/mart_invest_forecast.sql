{#- One row per ISO week: for the scorecard's Invest part, the forecast of
    the current fiscal quarter (the one holding the week's Sunday) by the
    method in var forecast_method, and its historical error band: over the
    quarters that had closed by that Sunday, the same method's percentage
    error at the same number of weeks before quarter end (min, max, mean
    absolute) and the actual bookings range that band implies, forecast /
    (1 + error): the high end from the most negative error, the low end from
    the most positive. Without a closed quarter to learn from, the band is
    null. -#}
{%- set method = var('forecast_method') -%}

with

forecasts as (
    select * from {{ ref('fct_forecast_weekly') }}
),

accuracy as (
    select * from {{ ref('mart_forecast_accuracy') }}
    where forecast_method = '{{ method }}'
),

bands as (
    select
        forecasts.iso_week,
        count(accuracy.percentage_error) as quarters_measured,
        min(accuracy.percentage_error) as min_percentage_error,
        max(accuracy.percentage_error) as max_percentage_error,
        -- an exact decimal sum: a sum of doubles depends on the order rows arrive in
        avg(cast(accuracy.absolute_percentage_error as {{ revops.type_money() }})) as mean_absolute_percentage_error
    from forecasts
    inner join accuracy
        on forecasts.week_end_date >= accuracy.quarter_end_date
            and forecasts.weeks_before_quarter_end = accuracy.weeks_before_quarter_end
    group by forecasts.iso_week
),

final as (
    select
        cast(forecasts.iso_week as {{ dbt.type_string() }}) as iso_week,
        cast(forecasts.fiscal_quarter_name as {{ dbt.type_string() }}) as fiscal_quarter_name,
        cast(forecasts.quarter_end_date as date) as quarter_end_date,
        cast(forecasts.weeks_before_quarter_end as integer) as weeks_before_quarter_end,
        cast('{{ method }}' as {{ dbt.type_string() }}) as forecast_method,
        cast(forecasts.bookings_to_date as {{ revops.type_money() }}) as bookings_to_date,
        cast(forecasts.forecast_{{ method }} as {{ revops.type_money() }}) as forecast_bookings,
        cast(coalesce(bands.quarters_measured, 0) as {{ dbt.type_bigint() }}) as quarters_measured,
        cast(bands.min_percentage_error as {{ revops.type_ratio() }}) as min_percentage_error,
        cast(bands.max_percentage_error as {{ revops.type_ratio() }}) as max_percentage_error,
        cast(bands.mean_absolute_percentage_error as {{ revops.type_ratio() }}) as mean_absolute_percentage_error,
        cast(
            case
                when bands.max_percentage_error > -100
                    then forecasts.forecast_{{ method }} / (1 + bands.max_percentage_error / 100)
            end as {{ revops.type_money() }}
        ) as expected_bookings_low,
        cast(
            case
                when bands.min_percentage_error > -100
                    then forecasts.forecast_{{ method }} / (1 + bands.min_percentage_error / 100)
            end as {{ revops.type_money() }}
        ) as expected_bookings_high
    from forecasts
    left join bands
        on forecasts.iso_week = bands.iso_week
)

select * from final
