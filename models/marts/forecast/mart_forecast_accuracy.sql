{#- One row per closed fiscal quarter, forecast method (weighted, commit,
    best_case) and week of the quarter (weeks before quarter end): the
    forecast made that week (fct_forecast_weekly), the quarter's actual
    bookings, error = forecast - actual (positive: over-forecast), absolute
    error, and both as a percentage of actual (null when actual is zero). -#}
{%- set methods = ['weighted', 'commit', 'best_case'] -%}

with

forecasts as (
    select * from {{ ref('fct_forecast_weekly') }}
    where is_quarter_closed
),

by_method as (
    {%- for method in methods %}
        select
            iso_week,
            week_end_date,
            fiscal_quarter_name,
            quarter_end_date,
            weeks_before_quarter_end,
            '{{ method }}' as forecast_method,
            forecast_{{ method }} as forecast_bookings,
            actual_bookings
        from forecasts
        {{ "union all" if not loop.last }}
    {%- endfor %}
),

final as (
    select
        cast({{ revops.surrogate_key(['iso_week', 'forecast_method']) }} as {{ dbt.type_string() }})
            as forecast_accuracy_id,
        cast(fiscal_quarter_name as {{ dbt.type_string() }}) as fiscal_quarter_name,
        cast(quarter_end_date as date) as quarter_end_date,
        cast(forecast_method as {{ dbt.type_string() }}) as forecast_method,
        cast(weeks_before_quarter_end as integer) as weeks_before_quarter_end,
        cast(iso_week as {{ dbt.type_string() }}) as iso_week,
        cast(week_end_date as date) as week_end_date,
        cast(forecast_bookings as {{ revops.type_money() }}) as forecast_bookings,
        cast(actual_bookings as {{ revops.type_money() }}) as actual_bookings,
        cast(forecast_bookings - actual_bookings as {{ revops.type_money() }}) as forecast_error,
        cast(abs(forecast_bookings - actual_bookings) as {{ revops.type_money() }}) as absolute_error,
        cast(
            {{ revops.safe_ratio('forecast_bookings - actual_bookings', 'actual_bookings', 100) }}
            as {{ revops.type_ratio() }}
        ) as percentage_error,
        cast(
            {{ revops.safe_ratio('abs(forecast_bookings - actual_bookings)', 'actual_bookings', 100) }}
            as {{ revops.type_ratio() }}
        ) as absolute_percentage_error
    from by_method
)

select * from final
