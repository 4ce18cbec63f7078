with

landed as (
    {{ revops.select_landed_columns('salesforce', 'campaign') }}
),

latest as (
    {{ revops.latest_load('landed', ['id']) }}
),

final as (
    select
        id as campaign_id,
        name as campaign_name,
        start_date,
        end_date,
        budgeted_cost,
        actual_cost,
        _fivetran_synced as synced_at,
        landed_row_count,
        trim(type) as campaign_type,
        lower(trim(type)) as campaign_type_normalized,
        trim(status) as campaign_status,
        lower(trim(status)) as campaign_status_normalized,
        coalesce(is_deleted, false) as is_deleted
    from latest
)

select * from final
