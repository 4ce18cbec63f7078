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
    where source_system = 'ad_reporting' and source_field = 'platform'
),

fx_rates as (
    select * from {{ ref('int_finance__fx_rates_daily') }}
),

live_rows as (
    select * from url_report
    where not is_deleted
),

final as (
    select
        live_rows.url_report_id,
        live_rows.date_day,
        {{ revops.iso_week_key('live_rows.date_day') }} as iso_week,
        live_rows.platform,
        coalesce(channel_mapping.channel, 'Other') as channel,
        live_rows.ad_account_id,
        live_rows.ad_campaign_id,
        live_rows.ad_campaign_name,
        live_rows.utm_source,
        live_rows.utm_medium,
        live_rows.utm_campaign,
        live_rows.currency_code,
        cast(coalesce(live_rows.impressions, 0) as {{ dbt.type_bigint() }}) as impressions,
        cast(coalesce(live_rows.clicks, 0) as {{ dbt.type_bigint() }}) as clicks,
        cast(coalesce(live_rows.spend, 0) as {{ revops.type_money() }}) as spend,
        -- FX at date_day; null when no rate on or before that day (left out, reported)
        {{ revops.to_reporting_currency('coalesce(live_rows.spend, 0)', 'fx_rates.to_reporting_rate') }}
            as spend_reporting_currency,
        live_rows.synced_at
    from live_rows
    left join channel_mapping
        on live_rows.platform_normalized = channel_mapping.source_value
    left join fx_rates
        on
            live_rows.currency_code = fx_rates.currency_code
            and live_rows.date_day = fx_rates.calendar_date
)

select * from final
