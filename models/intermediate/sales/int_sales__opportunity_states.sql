{#- One row per state interval of a counted opportunity: each live history
    row from its changed_at to the next row's (exclusive; null = still
    current), or, for an opportunity with no live history row, its current
    stage, amount and probability from its creation on (metrics spec:
    open_pipeline). The state at an instant t is the interval with
    valid_from <= t < valid_to; an opportunity whose history all comes after
    t has no state at t. -#}
with

opportunities as (
    select * from {{ ref('int_sales__opportunities') }}
),

history as (
    select * from {{ ref('int_sales__opportunity_history') }}
),

history_states as (
    select
        opportunity_id,
        'history' as state_source,
        opportunity_history_id,
        stage_name,
        stage_category,
        is_open_stage,
        amount,
        probability,
        forecast_category,
        close_date,
        changed_at as valid_from,
        next_changed_at as valid_to
    from history
),

current_states as (
    select
        opportunities.opportunity_id,
        'current' as state_source,
        cast(null as {{ dbt.type_string() }}) as opportunity_history_id,
        opportunities.stage_name,
        opportunities.stage_category,
        opportunities.is_open_stage,
        opportunities.amount,
        opportunities.probability,
        opportunities.forecast_category,
        opportunities.close_date,
        opportunities.created_at as valid_from,
        cast(null as {{ dbt.type_timestamp() }}) as valid_to
    from opportunities
    where not exists (
            select 1 from history
            where history.opportunity_id = opportunities.opportunity_id
        )
),

states as (
    select * from history_states
    union all
    select * from current_states
),

final as (
    select
        states.opportunity_id,
        states.state_source,
        states.opportunity_history_id,
        opportunities.account_id,
        opportunities.is_new_business,
        opportunities.is_expansion,
        opportunities.created_at,
        opportunities.currency_code,
        states.stage_name,
        states.stage_category,
        states.is_open_stage,
        states.amount,
        states.probability,
        states.forecast_category,
        states.close_date,
        states.valid_from,
        states.valid_to
    from states
    inner join opportunities
        on states.opportunity_id = opportunities.opportunity_id
)

select * from final
