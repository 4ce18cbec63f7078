{#- The contracted account dimension: its columns as int_identity__accounts
    computes them (the logic lives there so intermediate models can read it). -#}
with

accounts as (
    select * from {{ ref('int_identity__accounts') }}
),

final as (
    select
        account_id,
        account_source,
        name,
        domain,
        industry,
        employees,
        segment,
        country,
        owner_id,
        owner_name,
        first_touch_channel,
        first_touch_campaign,
        lead_source,
        salesforce_created_at,
        hubspot_created_at,
        zendesk_created_at,
        stripe_created_at,
        is_internal,
        opportunity_count,
        won_opportunity_count,
        first_won_date,
        open_opportunity_count,
        customer_status,
        person_count
    from accounts
)

select * from final
