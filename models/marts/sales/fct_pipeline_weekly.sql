{#- One row per opportunity and ISO week in which it was open at week end
    (strictly before next Monday 00:00 UTC), in the state it had then:
    New Business and Expansion opportunities created by week end whose
    latest live history row at or before week end (else, without any live
    history row, the current row) is an open stage. Amounts in the reporting
    currency at the week's Sunday; weighted = amount x probability / 100,
    a null probability weighing 0. Weeks run up to the last complete week of
    the landed data. Incremental by week: a run rebuilds the last
    var('pipeline_lookback_weeks') weeks already loaded and adds new ones. -#}
{{
    config(
        materialized='incremental',
        incremental_strategy=revops.replace_by_key_strategy(),
        unique_key='iso_week',
        partition_by=revops.replace_by_key_partitions('iso_week'),
        on_schema_change='append_new_columns'
    )
}}

with

states as (
    select * from {{ ref('int_sales__opportunity_states') }}
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

pipeline_states as (
    select * from states
    where (is_new_business or is_expansion)
        and is_open_stage
),

first_week as (
    select min({{ revops.iso_week_start('created_at') }}) as first_week_start_date
    from pipeline_states
),

snapshot_weeks as (
    select weeks.*
    from weeks
    cross join first_week
    cross join data_as_of
    where weeks.week_start_date >= first_week.first_week_start_date
        and weeks.week_end_date <= data_as_of.last_complete_week_end_date
        {% if is_incremental() %}
            and weeks.week_end_date > (
                select {{ dbt.dateadd('day', -7 * var('pipeline_lookback_weeks') | int, 'max(week_end_date)') }}
                from {{ this }}
            )
        {% endif %}
),

states_at_week_end as (
    select
        pipeline_states.*,
        snapshot_weeks.iso_week,
        snapshot_weeks.week_start_date,
        snapshot_weeks.week_end_date
    from snapshot_weeks
    inner join pipeline_states
        on snapshot_weeks.week_end_at > pipeline_states.created_at
            and snapshot_weeks.week_end_at > pipeline_states.valid_from
            and (pipeline_states.valid_to is null or snapshot_weeks.week_end_at <= pipeline_states.valid_to)
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
            and states_at_week_end.week_end_date = fx_rates.calendar_date
),

final as (
    select
        cast({{ revops.surrogate_key(['converted.opportunity_id', 'converted.iso_week']) }} as {{ dbt.type_string() }})
            as pipeline_snapshot_id,
        cast(converted.iso_week as {{ dbt.type_string() }}) as iso_week,
        cast(converted.week_start_date as date) as week_start_date,
        cast(converted.week_end_date as date) as week_end_date,
        cast(converted.opportunity_id as {{ dbt.type_string() }}) as opportunity_id,
        cast(converted.account_id as {{ dbt.type_string() }}) as account_id,
        cast(
            case when converted.is_new_business then 'New Business' else 'Expansion' end
            as {{ dbt.type_string() }}
        ) as opportunity_type,
        cast(converted.state_source as {{ dbt.type_string() }}) as state_source,
        cast(converted.opportunity_history_id as {{ dbt.type_string() }}) as opportunity_history_id,
        cast(converted.stage_name as {{ dbt.type_string() }}) as stage_name,
        cast(converted.forecast_category as {{ dbt.type_string() }}) as forecast_category,
        cast(converted.close_date as date) as close_date,
        cast(close_days.fiscal_year as integer) as close_fiscal_year,
        cast(close_days.fiscal_quarter as integer) as close_fiscal_quarter,
        cast(close_days.fiscal_quarter_name as {{ dbt.type_string() }}) as close_fiscal_quarter_name,
        cast(converted.probability as {{ revops.type_money() }}) as probability,
        cast(converted.currency_code as {{ dbt.type_string() }}) as currency_code,
        cast(converted.amount as {{ revops.type_money() }}) as amount,
        cast(converted.amount_reporting as {{ revops.type_money() }}) as amount_reporting,
        cast(
            converted.amount_reporting * coalesce(converted.probability, 0) / 100 as {{ revops.type_money() }}
        ) as weighted_amount_reporting,
        cast(converted.is_fx_rate_missing as {{ dbt.type_boolean() }}) as is_fx_rate_missing
    from converted
    left join days as close_days
        on converted.close_date = close_days.calendar_date
)

select * from final
