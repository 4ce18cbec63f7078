{#- The contracted opportunity fact: its columns as
    int_sales__opportunities_enriched computes them (the logic lives there so
    intermediate models can read it). -#}
with

opportunities as (
    select * from {{ ref('int_sales__opportunities_enriched') }}
),

final as (
    select
        opportunity_id,
        account_id,
        salesforce_account_id,
        opportunity_name,
        owner_id,
        owner_name,
        opportunity_type,
        is_new_business,
        is_expansion,
        is_renewal,
        channel,
        lead_source,
        campaign_id,
        campaign_name,
        segment,
        stage_name,
        stage_category,
        forecast_category,
        probability,
        currency_code,
        amount,
        fx_date,
        amount_reporting,
        amount_at_creation,
        amount_at_creation_reporting,
        is_fx_rate_missing,
        created_at,
        created_date,
        close_date,
        close_fiscal_year,
        close_fiscal_quarter,
        is_closed,
        is_won,
        outcome,
        days_open
    from opportunities
)

select * from final
