{#- One row per CRM stage name of the stage mapping seed, keyed by its
    comparable form (lowercase, trimmed). The one place that says whether a
    stage is open: closed only when the mapping says so, so a stage missing
    from the mapping counts as open (and is reported by the mapping's own
    checks). -#}
with

stage_mapping as (
    select * from {{ ref('crm_stage_mapping') }}
),

final as (
    select
        funnel_stage,
        stage_order,
        default_probability,
        lower(trim(stage_name)) as stage_name_normalized,
        trim(stage_name) as stage_name,
        lower(trim(stage_category)) as stage_category,
        coalesce(is_closed, false) or coalesce(is_won, false) as is_closed_stage,
        coalesce(is_won, false) as is_won_stage
    from stage_mapping
)

select * from final
