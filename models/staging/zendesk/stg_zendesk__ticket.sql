with

landed as (
    {{ revops.select_landed_columns('zendesk', 'ticket') }}
),

latest as (
    {{ revops.latest_load('landed', ['id'], modified_column='updated_at') }}
),

ticket_statuses as (
    {{ revops.picklist_values('zendesk', 'ticket', 'status') }}
),

typed as (
    select
        latest.*,
        ticket_statuses.mapped_value as mapped_status
    from latest
    left join ticket_statuses
        on lower(trim(latest.status)) = ticket_statuses.value_key
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
        -- open, pending, solved, closed or deleted (picklist mapping seed)
        {{ revops.mapped_picklist_value('status', 'mapped_status') }} as status_category,
        trim(priority) as priority,
        trim(type) as ticket_type,
        trim(via_channel) as via_channel,
        -- a ticket Zendesk reports as deleted is deleted, whatever the loader's flag
        coalesce(_fivetran_deleted, false) or coalesce(mapped_status = 'deleted', false) as is_deleted
    from typed
)

select * from final
