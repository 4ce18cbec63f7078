with

landed as (
    {{ revops.select_landed_columns('stripe', 'subscription') }}
),

latest as (
    {{ revops.latest_load('landed', ['id']) }}
),

final as (
    select
        id as subscription_id,
        customer_id as stripe_customer_id,
        created as created_at,
        start_date as started_at,
        current_period_start as current_period_start_at,
        current_period_end as current_period_end_at,
        canceled_at,
        ended_at,
        trial_start as trial_start_at,
        trial_end as trial_end_at,
        _fivetran_synced as synced_at,
        landed_row_count,
        trim(status) as status,
        lower(trim(status)) as status_normalized,
        coalesce(cancel_at_period_end, false) as is_canceling_at_period_end,
        coalesce(_fivetran_deleted, false) as is_deleted
    from latest
)

select * from final
