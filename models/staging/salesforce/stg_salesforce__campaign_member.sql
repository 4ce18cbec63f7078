with

landed as (
    {{ revops.select_landed_columns('salesforce', 'campaign_member') }}
),

latest as (
    {{ revops.latest_load('landed', ['id']) }}
),

final as (
    select
        id as campaign_member_id,
        campaign_id,
        lead_id,
        contact_id,
        first_responded_date,
        created_date as created_at,
        _fivetran_synced as synced_at,
        landed_row_count,
        trim(status) as member_status,
        lower(trim(status)) as member_status_normalized,
        coalesce(has_responded, false) as has_responded,
        coalesce(is_deleted, false) as is_deleted
    from latest
)

select * from final
