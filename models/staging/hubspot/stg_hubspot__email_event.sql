with

landed as (
    {{ revops.select_landed_columns('hubspot', 'email_event') }}
),

latest as (
    {{ revops.latest_load('landed', ['id']) }}
),

renamed as (
    select
        id as email_event_id,
        email_campaign_id,
        trim(type) as event_type,
        -- HubSpot's event types are upper-case codes (SENT, OPEN, ...)
        {{ revops.normalize_code('type') }} as event_type_normalized,
        {{ revops.normalize_email('recipient') }} as email,
        {{ revops.email_domain('recipient') }} as email_domain,
        created as created_at,
        coalesce(_fivetran_deleted, false) as is_deleted,
        _fivetran_synced as synced_at,
        landed_row_count
    from latest
),

final as (
    {{ revops.with_internal_flag('renamed', 'email_domain') }}
)

select * from final
