with

landed as (
    {{ revops.select_landed_columns('salesforce', 'opportunity_history') }}
),

latest as (
    {{ revops.latest_load('landed', ['id']) }}
),

final as (
    select
        id as opportunity_history_id,
        opportunity_id,
        amount,
        probability,
        close_date,
        -- OpportunityHistory's created_date is the moment of the change
        created_date as created_at,
        _fivetran_synced as synced_at,
        landed_row_count,
        trim(stage_name) as stage_name,
        lower(trim(stage_name)) as stage_name_normalized,
        trim(forecast_category) as forecast_category,
        coalesce(is_deleted, false) as is_deleted
    from latest
)

select * from final
