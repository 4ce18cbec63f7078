{#- The contracted opportunity fact: its columns as
    int_sales__opportunities_enriched computes them (the logic lives there so
    intermediate models can read it); its channel is the deal channel of
    int_attribution__channels (its own lead source, else its account's first
    touch; 'Unknown' when neither has one). -#}
with

opportunities as (
    select * from {{ ref('int_sales__opportunities_enriched') }}
),

attribution as (
    select * from {{ ref('int_attribution__channels') }}
    where subject_type = 'opportunity'
),

final as (
    select
        opportunities.opportunity_id,
        opportunities.account_id,
        opportunities.salesforce_account_id,
        opportunities.opportunity_name,
        opportunities.owner_id,
        opportunities.owner_name,
        opportunities.opportunity_type,
        opportunities.is_new_business,
        opportunities.is_expansion,
        opportunities.is_renewal,
        cast(coalesce(attribution.deal_channel, 'Unknown') as {{ dbt.type_string() }}) as channel,
        opportunities.lead_source,
        opportunities.campaign_id,
        opportunities.campaign_name,
        opportunities.segment,
        opportunities.stage_name,
        opportunities.stage_category,
        opportunities.forecast_category,
        opportunities.probability,
        opportunities.currency_code,
        opportunities.amount,
        opportunities.fx_date,
        opportunities.amount_reporting,
        opportunities.amount_at_creation,
        opportunities.amount_at_creation_reporting,
        opportunities.is_fx_rate_missing,
        opportunities.created_at,
        opportunities.created_date,
        opportunities.close_date,
        opportunities.close_fiscal_year,
        opportunities.close_fiscal_quarter,
        opportunities.is_closed,
        opportunities.is_won,
        opportunities.outcome,
        opportunities.days_open
    from opportunities
    left join attribution
        on opportunities.opportunity_id = attribution.subject_id
)

select * from final
