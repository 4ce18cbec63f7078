with

landed as (
    {{ revops.select_landed_columns('stripe', 'invoice_line_item') }}
),

latest as (
    {{ revops.latest_load('landed', ['id']) }}
),

final as (
    select
        id as invoice_line_item_id,
        invoice_id,
        subscription_id,
        subscription_item_id,
        price_id,
        trim(type) as line_item_type,
        lower(trim(type)) as line_item_type_normalized,
        {{ revops.minor_to_major('amount') }} as amount,
        amount as amount_minor_units,
        -- not defaulted: a line without a currency takes its invoice's downstream, and only then USD
        {{ revops.normalize_code('currency') }} as currency_code,
        quantity,
        coalesce(proration, false) as is_proration,
        period_start as period_start_at,
        period_end as period_end_at,
        coalesce(_fivetran_deleted, false) as is_deleted,
        _fivetran_synced as synced_at,
        landed_row_count
    from latest
)

select * from final
