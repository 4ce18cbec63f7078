with

landed as (
    {{ revops.select_landed_columns('salesforce', 'opportunity') }}
),

latest as (
    {{ revops.latest_load('landed', ['id']) }}
),

final as (
    select
        id as opportunity_id,
        account_id,
        owner_id,
        campaign_id,
        name as opportunity_name,
        type as opportunity_type,
        stage_name,
        amount,
        coalesce(currency_iso_code, 'USD') as currency_code,
        probability,
        forecast_category,
        close_date,
        coalesce(is_closed, false) as is_closed,
        coalesce(is_won, false) as is_won,
        lead_source,
        created_date as created_at,
        coalesce(is_deleted, false) as is_deleted,
        _fivetran_synced as synced_at,
        landed_row_count
    from latest
)

select * from final
