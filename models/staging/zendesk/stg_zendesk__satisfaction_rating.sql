with

landed as (
    {{ revops.select_landed_columns('zendesk', 'satisfaction_rating') }}
),

latest as (
    {{ revops.latest_load('landed', ['id']) }}
),

final as (
    select
        id as satisfaction_rating_id,
        ticket_id,
        requester_id,
        comment as rating_comment,
        created_at,
        _fivetran_synced as synced_at,
        landed_row_count,
        trim(score) as score,
        lower(trim(score)) as score_normalized,
        coalesce(_fivetran_deleted, false) as is_deleted
    from latest
)

select * from final
