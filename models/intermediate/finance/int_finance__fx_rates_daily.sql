{#- The rate that converts one unit of a currency into the reporting currency
    on each day: usd_per_unit(C) / usd_per_unit(R), each the latest rate on or
    before the day (metrics spec: Time and money). USD needs no landed row. -#}
{%- set reporting_currency = var('reporting_currency') | upper %}

with

days as (
    select calendar_date from {{ ref('int_calendar__days') }}
),

landed_rates as (
    select
        currency_code,
        rate_date,
        usd_per_unit
    from {{ ref('stg_finance__fx_rate') }}
    where
        not is_deleted
        and currency_code is not null
        and currency_code <> 'USD'
        and usd_per_unit > 0
),

rate_validity as (
    select
        currency_code,
        rate_date,
        usd_per_unit,
        lead(rate_date) over (partition by currency_code order by rate_date) as next_rate_date
    from landed_rates
),

usd_per_unit_daily as (
    select
        rate_validity.currency_code,
        days.calendar_date,
        rate_validity.rate_date,
        rate_validity.usd_per_unit
    from rate_validity
    inner join days
        on
            rate_validity.rate_date <= days.calendar_date
            and (rate_validity.next_rate_date is null or rate_validity.next_rate_date > days.calendar_date)
    union all
    select
        'USD' as currency_code,
        calendar_date,
        calendar_date as rate_date,
        cast(1 as {{ revops.type_money() }}) as usd_per_unit
    from days
),

reporting as (
    select
        calendar_date,
        usd_per_unit as reporting_usd_per_unit
    from usd_per_unit_daily
    where currency_code = '{{ reporting_currency }}'
),

final as (
    select
        usd_per_unit_daily.currency_code,
        usd_per_unit_daily.calendar_date,
        usd_per_unit_daily.rate_date,
        usd_per_unit_daily.usd_per_unit,
        cast(
            usd_per_unit_daily.usd_per_unit / reporting.reporting_usd_per_unit as {{ revops.type_fx_rate() }}
        ) as to_reporting_rate
    from usd_per_unit_daily
    inner join reporting
        on usd_per_unit_daily.calendar_date = reporting.calendar_date
)

select * from final
