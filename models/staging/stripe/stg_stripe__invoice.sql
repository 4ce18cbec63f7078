with

landed as (
    {{ revops.select_landed_columns('stripe', 'invoice') }}
),

latest as (
    {{ revops.latest_load('landed', ['id']) }}
),

final as (
    select
        id as invoice_id,
        customer_id as stripe_customer_id,
        subscription_id,
        number as invoice_number,
        trim(status) as status,
        lower(trim(status)) as status_normalized,
        coalesce({{ revops.normalize_code('currency') }}, 'USD') as currency_code,
        {{ revops.minor_to_major('subtotal') }} as subtotal,
        subtotal as subtotal_minor_units,
        {{ revops.minor_to_major('total') }} as total,
        total as total_minor_units,
        {{ revops.minor_to_major('amount_due') }} as amount_due,
        amount_due as amount_due_minor_units,
        {{ revops.minor_to_major('amount_paid') }} as amount_paid,
        amount_paid as amount_paid_minor_units,
        period_start as period_start_at,
        period_end as period_end_at,
        created as created_at,
        due_date as due_at,
        coalesce(_fivetran_deleted, false) as is_deleted,
        _fivetran_synced as synced_at,
        landed_row_count
    from latest
)

select * from final
