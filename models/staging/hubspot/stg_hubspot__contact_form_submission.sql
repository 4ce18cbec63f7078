with

landed as (
    {{ revops.select_landed_columns('hubspot', 'contact_form_submission') }}
),

latest as (
    -- HubSpot's conversion_id identifies one submission
    {{ revops.latest_load('landed', ['conversion_id']) }}
),

final as (
    select
        conversion_id as form_submission_id,
        contact_id as hubspot_contact_id,
        form_id,
        page_url,
        {{ adapter.quote("timestamp") }} as submitted_at,
        coalesce(_fivetran_deleted, false) as is_deleted,
        _fivetran_synced as synced_at,
        landed_row_count
    from latest
)

select * from final
