{#- The contracted account dimension: its columns as int_identity__accounts
    computes them (the logic lives there so intermediate models can read it),
    and its first touch as int_attribution__channels credits it. -#}
with

accounts as (
    select * from {{ ref('int_identity__accounts') }}
),

attribution as (
    select * from {{ ref('int_attribution__channels') }}
    where subject_type = 'account'
),

final as (
    select
        accounts.account_id,
        accounts.account_source,
        accounts.name,
        accounts.domain,
        accounts.industry,
        accounts.employees,
        accounts.segment,
        accounts.country,
        accounts.owner_id,
        accounts.owner_name,
        attribution.first_touch_channel,
        attribution.first_touch_campaign,
        attribution.salesforce_lead_source as lead_source,
        accounts.salesforce_created_at,
        accounts.hubspot_created_at,
        accounts.zendesk_created_at,
        accounts.stripe_created_at,
        accounts.is_internal,
        accounts.opportunity_count,
        accounts.won_opportunity_count,
        accounts.first_won_date,
        accounts.open_opportunity_count,
        accounts.customer_status,
        accounts.person_count
    from accounts
    left join attribution
        on accounts.account_id = attribution.subject_id
)

select * from final
