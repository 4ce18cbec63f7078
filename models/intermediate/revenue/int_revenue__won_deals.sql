{#- Won New Business and Expansion opportunities (int_sales__opportunities:
    live, non-internal accounts, type flags decided once there) with the
    booking in the reporting currency at the close date (metrics spec: bookings). -#}
with

opportunities as (
    select * from {{ ref('int_sales__opportunities') }}
),

fx_rates as (
    select * from {{ ref('int_finance__fx_rates_daily') }}
),

won as (
    select
        opportunity_id,
        account_id,
        amount,
        currency_code,
        cast(close_date as date) as close_date,
        case when is_new_business then 'new business' else 'expansion' end as opportunity_type_normalized
    from opportunities
    where
        is_won
        and (is_new_business or is_expansion)
        and account_id is not null
),

final as (
    select
        won.opportunity_id,
        won.account_id,
        won.opportunity_type_normalized,
        won.close_date,
        won.currency_code,
        won.amount,
        {{ revops.to_reporting_currency('won.amount', 'fx_rates.to_reporting_rate') }} as booking_amount
    from won
    left join fx_rates
        on
            won.currency_code = fx_rates.currency_code
            and won.close_date = fx_rates.calendar_date
)

select * from final
