{#- Incremental by day (delete+insert on date_day, so a row deleted at the
    source leaves with its day). A run rebuilds every day that has an ad
    report row synced since the latest sync already built (less
    var('incremental_lookback_weeks') weeks), and every day from the earliest
    FX rate synced since then (a rate carries forward to later days). A row
    whose latest load is a deletion leaves in the post-hook, even when it was
    the last row of its day (on Spark, a table rebuilt whole: no hook). A new
    channel mapping needs --full-refresh. -#}
{{
    config(
        materialized=revops.keyed_incremental_materialization(),
        incremental_strategy='delete+insert',
        unique_key='date_day',
        on_schema_change='append_new_columns',
        post_hook=[
            "{% if is_incremental() %}delete from {{ this }} where url_report_id in "
            ~ "(select url_report_id from {{ ref('stg_ad_reporting__url_report') }} "
            ~ "where is_deleted){% endif %}"
        ]
    )
}}

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

fx_rate_loads as (
    select * from {{ ref('stg_finance__fx_rate') }}
),

{% if revops.is_incremental_from('synced_at') %}
    refresh_since as (
        select {{ revops.incremental_refresh_since('synced_at') }} as refresh_since_at
    ),

    days_to_refresh as (
        select distinct url_report.date_day
        from url_report
        cross join refresh_since
        where url_report.synced_at >= refresh_since.refresh_since_at
        union all
        select distinct url_report.date_day
        from url_report
        cross join refresh_since
        where url_report.date_day >= (
                select min(fx_rate_loads.rate_date)
                from fx_rate_loads
                where fx_rate_loads.synced_at >= refresh_since.refresh_since_at
            )
    ),
{% endif %}

live_rows as (
    select * from url_report
    where
        not is_deleted
        {% if revops.is_incremental_from('synced_at') -%}
            and date_day in (select days_to_refresh.date_day from days_to_refresh)
        {%- endif %}
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
