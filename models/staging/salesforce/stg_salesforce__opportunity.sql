with

landed as (
    {{ revops.select_landed_columns('salesforce', 'opportunity') }}
),

latest as (
    {{ revops.latest_load('landed', ['id']) }}
),

opportunity_types as (
    {{ revops.picklist_values('salesforce', 'opportunity', 'type') }}
),

typed as (
    select
        latest.*,
        opportunity_types.mapped_value as mapped_opportunity_type
    from latest
    left join opportunity_types
        on lower(trim(latest.type)) = opportunity_types.value_key
),

final as (
    select
        id as opportunity_id,
        account_id,
        owner_id,
        campaign_id,
        name as opportunity_name,
        trim(type) as opportunity_type,
        -- new business, expansion or renewal per the picklist mapping seed
        {{ revops.mapped_picklist_value('type', 'mapped_opportunity_type') }} as opportunity_type_normalized,
        trim(stage_name) as stage_name,
        lower(trim(stage_name)) as stage_name_normalized,
        amount,
        -- a deal without a currency (or an org without multi-currency, where
        -- Salesforce has no currency_iso_code) is in the org's currency
        coalesce({{ revops.normalize_code('currency_iso_code') }}, upper('{{ var("org_currency") }}')) as currency_code,
        probability,
        trim(forecast_category) as forecast_category,
        close_date,
        coalesce(is_closed, false) as is_closed,
        coalesce(is_won, false) as is_won,
        trim(lead_source) as lead_source,
        created_date as created_at,
        coalesce(is_deleted, false) as is_deleted,
        _fivetran_synced as synced_at,
        landed_row_count
    from typed
)

select * from final
