with

landed as (
    {{ revops.select_landed_columns('zendesk', 'ticket_field_history') }}
),

latest as (
    {{ revops.latest_load('landed', ['ticket_id', 'field_name', 'updated']) }}
),

final as (
    select
        {{ revops.surrogate_key(['ticket_id', 'field_name', 'updated']) }} as ticket_field_history_id,
        ticket_id,
        field_name,
        value as field_value,
        lower(trim(value)) as field_value_normalized,
        updated as updated_at,
        user_id as zendesk_user_id,
        coalesce(_fivetran_deleted, false) as is_deleted,
        _fivetran_synced as synced_at,
        landed_row_count
    from latest
)

select * from final
