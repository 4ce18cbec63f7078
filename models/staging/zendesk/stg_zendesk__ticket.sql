with

landed as (
    {{ revops.select_landed_columns('zendesk', 'ticket') }}
),

latest as (
    {{ revops.latest_load('landed', ['id'], modified_column='updated_at') }}
),

final as (
    select
        id as ticket_id,
        requester_id,
        submitter_id,
        assignee_id,
        organization_id as zendesk_organization_id,
        subject,
        created_at,
        updated_at,
        _fivetran_synced as synced_at,
        landed_row_count,
        trim(status) as status,
        lower(trim(status)) as status_normalized,
        trim(priority) as priority,
        trim(type) as ticket_type,
        trim(via_channel) as via_channel,
        coalesce(_fivetran_deleted, false) as is_deleted
    from latest
)

select * from final
