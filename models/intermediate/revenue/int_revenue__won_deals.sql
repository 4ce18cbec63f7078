{#- Won New Business and Expansion opportunities of live, non-internal
    accounts (state from the latest load), with the booking in the
    reporting currency at the close date (metrics spec: bookings). -#}
with

opportunities as (
    select * from {{ ref('stg_salesforce__opportunity') }}
),

accounts as (
    select * from {{ ref('dim_accounts') }}
),

fx_rates as (
    select * from {{ ref('int_finance__fx_rates_daily') }}
),

won as (
    select
        opportunities.opportunity_id,
        accounts.account_id,
        opportunities.opportunity_type_normalized,
        opportunities.amount,
        opportunities.currency_code,
        cast(opportunities.close_date as date) as close_date
    from opportunities
    inner join accounts
        on
            {{ revops.salesforce_id_key('opportunities.account_id') }}
            = {{ revops.salesforce_id_key('accounts.account_id') }}
            and accounts.account_source = 'salesforce'
    where
        not opportunities.is_deleted
        and opportunities.is_won
        and opportunities.opportunity_type_normalized in ('new business', 'expansion')
        and not accounts.is_internal
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
