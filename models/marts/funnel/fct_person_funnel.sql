{#- The contracted person funnel: its columns as int_funnel__person_funnel
    computes them (the logic lives there so intermediate models can read it). -#}
with

persons as (
    select * from {{ ref('int_funnel__person_funnel') }}
),

final as (
    select
        person_id,
        account_id,
        channel,
        campaign,
        segment,
        lead_at,
        lead_date,
        mql_date,
        sql_date,
        opportunity_date,
        won_date,
        furthest_stage
    from persons
)

select * from final
