{#- Every live ad-report row with its channel and its spend in the reporting
    currency (fct_ad_spend_daily keeps these rows incrementally; channel
    economics sums them). A view: the incremental mart selects only the days
    it rebuilds, and that filter reaches the staging table through the view,
    so an incremental run still reads only those days. -#}
{{ config(materialized='view') }}

with

url_report as (
    select * from {{ ref('stg_ad_reporting__url_report') }}
),

channel_mapping as (
    select * from {{ ref('int_reference__channel_mapping') }}
),

fx_rates as (
    select * from {{ ref('int_finance__fx_rates_daily') }}
),

live_rows as (
    select * from url_report
    where not is_deleted
),

mapped_rows as (
    {{ revops.with_mapped_channel('live_rows', "'ad_reporting'", "'platform'", 'platform_normalized') }}
),

final as (
    select
        mapped_rows.url_report_id,
        mapped_rows.date_day,
        {{ revops.iso_week_key('mapped_rows.date_day') }} as iso_week,
        mapped_rows.platform,
        mapped_rows.channel,
        mapped_rows.ad_account_id,
        mapped_rows.ad_campaign_id,
        mapped_rows.ad_campaign_name,
        mapped_rows.utm_source,
        mapped_rows.utm_medium,
        mapped_rows.utm_campaign,
        mapped_rows.currency_code,
        cast(coalesce(mapped_rows.impressions, 0) as {{ dbt.type_bigint() }}) as impressions,
        cast(coalesce(mapped_rows.clicks, 0) as {{ dbt.type_bigint() }}) as clicks,
        cast(coalesce(mapped_rows.spend, 0) as {{ revops.type_money() }}) as spend,
        -- FX at date_day; null when no rate on or before that day (left out, reported)
        {{ revops.to_reporting_currency('coalesce(mapped_rows.spend, 0)', 'fx_rates.to_reporting_rate') }}
            as spend_reporting_currency,
        mapped_rows.synced_at
    from mapped_rows
    left join fx_rates
        on
            mapped_rows.currency_code = fx_rates.currency_code
            and mapped_rows.date_day = fx_rates.calendar_date
)

select * from final
