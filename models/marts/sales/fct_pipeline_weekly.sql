{#- One row per opportunity and ISO week in which it was open at week end
    (strictly before next Monday 00:00 UTC), in the state it had then: the
    open rows of int_sales__opportunity_states_weekly (New Business and
    Expansion opportunities created by week end whose latest live history
    row at or before week end, else, without any live history row, the
    current row, is an open stage). Amounts in the reporting currency at the
    week's Sunday; weighted = amount x probability / 100, a null probability
    weighing 0. Weeks run up to the last complete week of the landed data.
    A table rebuilt on every run, not incremental: a late load (an
    opportunity deleted, re-typed or moved to another account, a history row
    synced weeks late, a late FX rate) changes snapshots of any age, and the
    whole model costs seconds even at scale 50. -#}

with

week_states as (
    select * from {{ ref('int_sales__opportunity_states_weekly') }}
),

final as (
    select
        cast({{ revops.surrogate_key(['opportunity_id', 'iso_week']) }} as {{ dbt.type_string() }})
            as pipeline_snapshot_id,
        cast(iso_week as {{ dbt.type_string() }}) as iso_week,
        cast(week_start_date as date) as week_start_date,
        cast(week_end_date as date) as week_end_date,
        cast(opportunity_id as {{ dbt.type_string() }}) as opportunity_id,
        cast(account_id as {{ dbt.type_string() }}) as account_id,
        cast(
            case when is_new_business then 'New Business' else 'Expansion' end
            as {{ dbt.type_string() }}
        ) as opportunity_type,
        cast(state_source as {{ dbt.type_string() }}) as state_source,
        cast(opportunity_history_id as {{ dbt.type_string() }}) as opportunity_history_id,
        cast(stage_name as {{ dbt.type_string() }}) as stage_name,
        cast(forecast_category as {{ dbt.type_string() }}) as forecast_category,
        cast(close_date as date) as close_date,
        cast(close_fiscal_year as integer) as close_fiscal_year,
        cast(close_fiscal_quarter as integer) as close_fiscal_quarter,
        cast(close_fiscal_quarter_name as {{ dbt.type_string() }}) as close_fiscal_quarter_name,
        cast(probability as {{ revops.type_money() }}) as probability,
        cast(currency_code as {{ dbt.type_string() }}) as currency_code,
        cast(amount as {{ revops.type_money() }}) as amount,
        cast(amount_reporting as {{ revops.type_money() }}) as amount_reporting,
        cast(weighted_amount_reporting as {{ revops.type_money() }}) as weighted_amount_reporting,
        cast(is_fx_rate_missing as {{ dbt.type_boolean() }}) as is_fx_rate_missing
    from week_states
    where is_open_stage
)

select * from final
