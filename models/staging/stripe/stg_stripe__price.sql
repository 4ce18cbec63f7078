with

landed as (
    {{ revops.select_landed_columns('stripe', 'price') }}
),

latest as (
    {{ revops.latest_load('landed', ['id']) }}
),

final as (
    select
        id as price_id,
        product_id,
        coalesce({{ revops.normalize_code('currency') }}, 'USD') as currency_code,
        {{ revops.minor_to_major('unit_amount') }} as unit_amount,
        unit_amount as unit_amount_minor_units,
        trim(recurring_interval) as recurring_interval,
        lower(trim(recurring_interval)) as recurring_interval_normalized,
        recurring_interval_count,
        trim(type) as price_type,
        lower(trim(type)) as price_type_normalized,
        coalesce(active, false) as is_active,
        created as created_at,
        coalesce(_fivetran_deleted, false) as is_deleted,
        _fivetran_synced as synced_at,
        landed_row_count
    from latest
)

select * from final
