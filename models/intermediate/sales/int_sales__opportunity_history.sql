{#- One row per live history row of a counted opportunity
    (int_sales__opportunities), in order: the earliest by created_date then
    id is row 1. Each row is the opportunity's state from changed_at until
    the next row's changed_at (exclusive), so the state at an instant is the
    row whose interval contains it. Rows tied on changed_at get an empty
    interval except the last by id, which matches "latest row at or before"
    ordered by created_date then id. -#}
with

history as (
    select * from {{ ref('stg_salesforce__opportunity_history') }}
),

opportunities as (
    select * from {{ ref('int_sales__opportunities') }}
),

crm_stages as (
    select * from {{ ref('int_sales__crm_stages') }}
),

live_history as (
    select
        history.opportunity_history_id,
        opportunities.opportunity_id,
        history.stage_name,
        history.stage_name_normalized,
        history.amount,
        history.probability,
        history.forecast_category,
        history.close_date,
        history.created_at as changed_at
    from history
    inner join opportunities
        on history.opportunity_id = opportunities.opportunity_id
    where not history.is_deleted
        and history.created_at is not null
),

sequenced as (
    select
        live_history.*,
        row_number() over (
            partition by live_history.opportunity_id
            order by live_history.changed_at asc, live_history.opportunity_history_id asc
        ) as history_sequence,
        lead(live_history.changed_at) over (
            partition by live_history.opportunity_id
            order by live_history.changed_at asc, live_history.opportunity_history_id asc
        ) as next_changed_at
    from live_history
),

final as (
    select
        sequenced.opportunity_history_id,
        sequenced.opportunity_id,
        sequenced.history_sequence,
        sequenced.stage_name,
        sequenced.stage_name_normalized,
        crm_stages.stage_order,
        crm_stages.stage_category,
        sequenced.amount,
        sequenced.probability,
        sequenced.forecast_category,
        sequenced.close_date,
        sequenced.changed_at,
        sequenced.next_changed_at,
        not coalesce(crm_stages.is_closed_stage, false) as is_open_stage
    from sequenced
    left join crm_stages
        on sequenced.stage_name_normalized = crm_stages.stage_name_normalized
)

select * from final
