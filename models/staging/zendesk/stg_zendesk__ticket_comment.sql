with

landed as (
    {{ revops.select_landed_columns('zendesk', 'ticket_comment') }}
),

latest as (
    {{ revops.latest_load('landed', ['id']) }}
),

final as (
    select
        id as ticket_comment_id,
        ticket_id,
        user_id as zendesk_user_id,
        created as created_at,
        _fivetran_synced as synced_at,
        landed_row_count,
        coalesce(public, false) as is_public,
        coalesce(_fivetran_deleted, false) as is_deleted
    from latest
)

select * from final
