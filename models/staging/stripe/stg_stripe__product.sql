with

landed as (
    {{ revops.select_landed_columns('stripe', 'product') }}
),

latest as (
    {{ revops.latest_load('landed', ['id']) }}
),

final as (
    select
        id as product_id,
        name as product_name,
        created as created_at,
        _fivetran_synced as synced_at,
        landed_row_count,
        coalesce(active, false) as is_active,
        coalesce(_fivetran_deleted, false) as is_deleted
    from latest
)

select * from final
