{#- Incremental by day (delete+insert on date_day, so a row deleted at the
    source leaves with its day). A run rebuilds every day that has an ad
    report row synced since the latest sync already built (less
    var('incremental_lookback_weeks') weeks), and every day from the earliest
    FX rate synced since then (a rate carries forward to later days). A row
    whose latest load is a deletion leaves in the post-hook, even when it was
    the last row of its day (on Spark, a table rebuilt whole: no hook). A new
    channel mapping needs --full-refresh. The rows, channel and FX are
    int_marketing__ad_spend_daily's; here only which days a run rebuilds. -#}
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

ad_spend as (
    select * from {{ ref('int_marketing__ad_spend_daily') }}
),

url_report as (
    select * from {{ ref('stg_ad_reporting__url_report') }}
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

final as (
    select
        url_report_id,
        date_day,
        iso_week,
        platform,
        channel,
        ad_account_id,
        ad_campaign_id,
        ad_campaign_name,
        utm_source,
        utm_medium,
        utm_campaign,
        currency_code,
        impressions,
        clicks,
        spend,
        spend_reporting_currency,
        synced_at
    from ad_spend
    {% if revops.is_incremental_from('synced_at') -%}
        where date_day in (select days_to_refresh.date_day from days_to_refresh)
    {%- endif %}
)

select * from final
