{#- One row per stage an opportunity entered (consecutive history rows in the
    same stage are one entry; re-entering a stage later is a new entry):
    when it entered and left, the amount, probability and close date on
    entering, and whether the move went backwards (to a lower stage order
    of the stage mapping than the stage it left). -#}
with

history as (
    select * from {{ ref('int_sales__opportunity_history') }}
),

marked as (
    select
        history.*,
        lag(history.stage_name_normalized) over (
            partition by history.opportunity_id order by history.history_sequence
        ) as previous_row_stage
    from history
),

entries as (
    select
        marked.*,
        row_number() over (
            partition by marked.opportunity_id order by marked.history_sequence
        ) as stage_sequence
    from marked
    where marked.previous_row_stage is null
        or marked.previous_row_stage <> marked.stage_name_normalized
        or marked.stage_name_normalized is null
),

linked as (
    select
        entries.*,
        lag(entries.stage_name) over (
            partition by entries.opportunity_id order by entries.stage_sequence
        ) as previous_stage_name,
        lag(entries.stage_order) over (
            partition by entries.opportunity_id order by entries.stage_sequence
        ) as previous_stage_order,
        lead(entries.changed_at) over (
            partition by entries.opportunity_id order by entries.stage_sequence
        ) as left_at
    from entries
),

dated as (
    select
        linked.*,
        cast(linked.changed_at as date) as entered_date,
        cast(linked.left_at as date) as left_date
    from linked
),

final as (
    select
        cast({{ revops.surrogate_key(['opportunity_id', 'stage_sequence']) }} as {{ dbt.type_string() }})
            as stage_entry_id,
        cast(opportunity_id as {{ dbt.type_string() }}) as opportunity_id,
        cast(stage_sequence as integer) as stage_sequence,
        cast(stage_name as {{ dbt.type_string() }}) as stage_name,
        cast(stage_category as {{ dbt.type_string() }}) as stage_category,
        cast(stage_order as integer) as stage_order,
        cast(previous_stage_name as {{ dbt.type_string() }}) as previous_stage_name,
        cast(
            coalesce(stage_order < previous_stage_order, false) as {{ dbt.type_boolean() }}
        ) as is_backward,
        cast(changed_at as {{ dbt.type_timestamp() }}) as entered_at,
        cast(left_at as {{ dbt.type_timestamp() }}) as left_at,
        cast(left_at is null as {{ dbt.type_boolean() }}) as is_current_stage,
        cast(
            {{ revops.days_between('entered_date', 'left_date') }}
            as integer
        ) as days_in_stage,
        cast(amount as {{ revops.type_money() }}) as amount_at_entry,
        cast(probability as {{ revops.type_money() }}) as probability_at_entry,
        cast(close_date as date) as close_date_at_entry
    from dated
)

select * from final
