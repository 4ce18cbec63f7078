with

landed as (
    {{ revops.select_landed_columns('stripe', 'subscription_item') }}
),

latest as (
    {{ revops.latest_load('landed', ['id']) }}
),

final as (
    select
        id as subscription_item_id,
        subscription_id,
        price_id,
        quantity,
        created as created_at,
        _fivetran_synced as synced_at,
        landed_row_count,
        coalesce(_fivetran_deleted, false) as is_deleted
    from latest
)

select * from final
