with

landed as (
    {{ revops.select_landed_columns('finance', 'fx_rate') }}
),

normalized as (
    -- codes are normalised before deduplication: 'eur' and 'EUR' loads of one day are one key
    select
        rate_date,
        {{ revops.normalize_code('currency_code') }} as currency_code,
        usd_per_unit,
        _fivetran_deleted,
        _fivetran_synced
    from landed
),

latest as (
    {{ revops.latest_load('normalized', ['rate_date', 'currency_code']) }}
),

final as (
    select
        {{ revops.surrogate_key(['rate_date', 'currency_code']) }} as fx_rate_id,
        rate_date,
        currency_code,
        usd_per_unit,
        coalesce(_fivetran_deleted, false) as is_deleted,
        _fivetran_synced as synced_at,
        landed_row_count
    from latest
)

select * from final
