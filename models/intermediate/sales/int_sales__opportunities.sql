{#- One row per live Salesforce opportunity of a non-internal account: the
    current state (latest load) with its resolved account, normalised type
    flags and the stage mapping. The one place that removes deleted
    opportunities and those of internal accounts. -#}
with

opportunities as (
    select * from {{ ref('stg_salesforce__opportunity') }}
),

account_record_matches as (
    select * from {{ ref('int_identity__account_record_matches') }}
),

crm_stages as (
    select * from {{ ref('int_sales__crm_stages') }}
),

salesforce_accounts as (
    select
        {{ revops.salesforce_id_key('source_record_id') }} as salesforce_id_key,
        account_id,
        is_internal
    from account_record_matches
    where source_system = 'salesforce'
        and source_table = 'account'
),

live_opportunities as (
    select
        opportunities.*,
        salesforce_accounts.account_id as resolved_account_id,
        coalesce(salesforce_accounts.is_internal, false) as is_internal_account
    from opportunities
    left join salesforce_accounts
        on {{ revops.salesforce_id_key('opportunities.account_id') }} = salesforce_accounts.salesforce_id_key
    where not opportunities.is_deleted
),

final as (
    select
        live_opportunities.opportunity_id,
        live_opportunities.resolved_account_id as account_id,
        live_opportunities.account_id as salesforce_account_id,
        live_opportunities.owner_id,
        live_opportunities.campaign_id,
        live_opportunities.opportunity_name,
        live_opportunities.opportunity_type,
        live_opportunities.stage_name,
        live_opportunities.stage_name_normalized,
        crm_stages.stage_order,
        crm_stages.stage_category,
        live_opportunities.amount,
        live_opportunities.currency_code,
        live_opportunities.probability,
        live_opportunities.forecast_category,
        live_opportunities.close_date,
        live_opportunities.is_won,
        live_opportunities.lead_source,
        live_opportunities.created_at,
        cast(live_opportunities.created_at as date) as created_date,
        -- a null type is none of them (metrics spec, Funnel and sales)
        coalesce(live_opportunities.opportunity_type_normalized = 'new business', false) as is_new_business,
        coalesce(live_opportunities.opportunity_type_normalized = 'expansion', false) as is_expansion,
        coalesce(live_opportunities.opportunity_type_normalized = 'renewal', false) as is_renewal,
        not coalesce(crm_stages.is_closed_stage, false) as is_open_stage,
        live_opportunities.is_closed or live_opportunities.is_won as is_closed
    from live_opportunities
    left join crm_stages
        on live_opportunities.stage_name_normalized = crm_stages.stage_name_normalized
    where not live_opportunities.is_internal_account
)

select * from final
