{%- set dimension_columns = [
    'date_day',
    'platform',
    'account_id',
    'campaign_id',
    'campaign_name',
    'base_url',
    'url_path',
    'utm_source',
    'utm_medium',
    'utm_campaign',
    'currency_code'
] -%}

with

landed as (
    {{ revops.select_landed_columns('ad_reporting', 'url_report') }}
),

latest as (
    -- no id: every dimension column together is the natural key
    {{ revops.latest_load('landed', dimension_columns) }}
),

final as (
    select
        {{ revops.surrogate_key(dimension_columns) }} as url_report_id,
        date_day,
        trim(platform) as platform,
        lower(trim(platform)) as platform_normalized,
        account_id as ad_account_id,
        campaign_id as ad_campaign_id,
        campaign_name as ad_campaign_name,
        base_url,
        url_path,
        utm_source,
        utm_medium,
        utm_campaign,
        -- spend without a currency is in USD (metrics spec, Time and money)
        coalesce({{ revops.normalize_code('currency_code') }}, 'USD') as currency_code,
        impressions,
        clicks,
        spend,
        coalesce(_fivetran_deleted, false) as is_deleted,
        _fivetran_synced as synced_at,
        landed_row_count
    from latest
)

select * from final
