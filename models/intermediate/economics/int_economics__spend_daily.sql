{#- One row per day, channel and spend source: acquisition spend in the
    reporting currency. Ad platforms: int_marketing__ad_spend_daily
    (converted at date_day, channel from the platform). Offline programmes:
    live Salesforce campaigns' actual_cost on their start date, channel from
    the campaign type through channel_mapping (unmapped 'Other'); a campaign
    has no currency field, so its cost is USD (a null currency is USD)
    converted at the start date. An amount without a rate is left out of
    spend and counted in fx_rate_missing_rows. -#}
with

ad_spend as (
    select * from {{ ref('int_marketing__ad_spend_daily') }}
),

campaigns as (
    select * from {{ ref('stg_salesforce__campaign') }}
),

channel_mapping as (
    select * from {{ ref('int_reference__channel_mapping') }}
),

fx_rates as (
    select * from {{ ref('int_finance__fx_rates_daily') }}
),

ad_platform_spend as (
    select
        date_day as spend_date,
        channel,
        'ad_platform' as spend_source,
        sum(spend_reporting_currency) as spend,
        sum(case when spend_reporting_currency is null then 1 else 0 end) as fx_rate_missing_rows
    from ad_spend
    group by date_day, channel
),

campaign_channels as (
    {{ revops.with_mapped_channel('campaigns', "'salesforce'", "'campaign_type'", 'campaign_type_normalized') }}
),

campaign_costs as (
    select
        campaign_channels.start_date as spend_date,
        campaign_channels.channel,
        {{ revops.to_reporting_currency('campaign_channels.actual_cost', 'fx_rates.to_reporting_rate') }} as cost
    from campaign_channels
    left join fx_rates
        on fx_rates.currency_code = 'USD'
            and campaign_channels.start_date = fx_rates.calendar_date
    where not campaign_channels.is_deleted
        and campaign_channels.actual_cost is not null
        and campaign_channels.start_date is not null
),

campaign_spend as (
    select
        spend_date,
        channel,
        'campaign' as spend_source,
        sum(cost) as spend,
        sum(case when cost is null then 1 else 0 end) as fx_rate_missing_rows
    from campaign_costs
    group by spend_date, channel
),

final as (
    select * from ad_platform_spend
    union all
    select * from campaign_spend
)

select * from final
