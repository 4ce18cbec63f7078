{#- One row per attribution model, period (calendar month, fiscal quarter),
    channel and segment, plus a segment 'All' row per model, period and
    channel: the economics measures summed from int_economics__channel_events
    and spend from int_economics__spend_daily, up to the last complete week
    of the data. Spend has no segment of its own: a channel's spend in a
    period is shared among its segments in proportion to their leads; with
    no leads it stays in segment 'Unallocated'. The 'All' row carries the
    whole spend. Ratios (null when the denominator is zero or null): cost
    per lead / MQL / SQL, CAC = spend / customers won, CAC payback months =
    CAC / (new MRR per new paying account x var economics_gross_margin),
    pipeline ROI = pipeline created / spend, first-year ROI = new ARR /
    spend, 12-month net revenue retention of the period's new-ARR cohort and
    retention-adjusted value = that cohort's ARR 52 weeks on / spend, both
    only once every account of the cohort has been observed 52 weeks on. -#}

with

events as (
    select * from {{ ref('int_economics__channel_events') }}
),

spend_daily as (
    select * from {{ ref('int_economics__spend_daily') }}
),

days as (
    select * from {{ ref('int_calendar__days') }}
),

data_as_of as (
    select * from {{ ref('int_sales__data_as_of') }}
),

period_days as (
    select
        calendar_date,
        'month' as period_type,
        month_start_date as period_start_date,
        {{ revops.period_last_day('month_start_date', 1) }} as period_end_date,
        {{ dbt.concat([
            "cast(calendar_year as " ~ dbt.type_string() ~ ")",
            "'-'",
            "lpad(cast(calendar_month as " ~ dbt.type_string() ~ "), 2, '0')"
        ]) }} as period_name
    from days

    union all

    select
        calendar_date,
        'quarter' as period_type,
        {{ revops.fiscal_quarter_start('month_start_date', 'calendar_month') }} as period_start_date,
        {{ revops.period_last_day(revops.fiscal_quarter_start('month_start_date', 'calendar_month'), 3) }}
            as period_end_date,
        fiscal_quarter_name as period_name
    from days
),

periods as (
    select distinct
        period_type,
        period_start_date,
        period_end_date,
        period_name
    from period_days
),

dated_events as (
    select
        events.*,
        period_days.period_type,
        period_days.period_start_date
    from events
    inner join period_days
        on events.event_date = period_days.calendar_date
    cross join data_as_of
    where events.event_date <= data_as_of.last_complete_week_end_date
),

segment_measures as (
    select
        attribution_model,
        period_type,
        period_start_date,
        channel,
        segment,
        {{ revops.economics_measure_list('sum({})') }}
    from dated_events
    group by attribution_model, period_type, period_start_date, channel, segment
),

channel_measures as (
    select
        attribution_model,
        period_type,
        period_start_date,
        channel,
        {{ revops.economics_measure_list('sum({})') }}
    from segment_measures
    group by attribution_model, period_type, period_start_date, channel
),

period_spend as (
    select
        period_days.period_type,
        period_days.period_start_date,
        spend_daily.channel,
        coalesce(sum(spend_daily.spend), 0) as spend,
        coalesce(sum(case when spend_daily.spend_source = 'ad_platform' then spend_daily.spend end), 0)
            as ad_spend,
        coalesce(sum(case when spend_daily.spend_source = 'campaign' then spend_daily.spend end), 0)
            as campaign_spend,
        sum(spend_daily.fx_rate_missing_rows) as fx_rate_missing_rows
    from spend_daily
    inner join period_days
        on spend_daily.spend_date = period_days.calendar_date
    cross join data_as_of
    where spend_daily.spend_date <= data_as_of.last_complete_week_end_date
    group by period_days.period_type, period_days.period_start_date, spend_daily.channel
),

attribution_models as (
    select distinct attribution_model from events
),

-- spend is the same under every attribution model that has events
model_spend as (
    select
        period_spend.*,
        attribution_models.attribution_model
    from period_spend
    cross join attribution_models
),

channel_keys as (
    select
        attribution_model,
        period_type,
        period_start_date,
        channel
    from channel_measures
    union
    select
        attribution_model,
        period_type,
        period_start_date,
        channel
    from model_spend
),

all_segments as (
    select
        channel_keys.attribution_model,
        channel_keys.period_type,
        channel_keys.period_start_date,
        channel_keys.channel,
        'All' as segment,
        coalesce(model_spend.spend, 0) as spend,
        coalesce(model_spend.ad_spend, 0) as ad_spend,
        coalesce(model_spend.campaign_spend, 0) as campaign_spend,
        coalesce(model_spend.fx_rate_missing_rows, 0) as fx_rate_missing_rows,
        {{ revops.economics_measure_list('coalesce(channel_measures.{}, 0)') }}
    from channel_keys
    left join channel_measures
        on channel_keys.attribution_model = channel_measures.attribution_model
            and channel_keys.period_type = channel_measures.period_type
            and channel_keys.period_start_date = channel_measures.period_start_date
            and channel_keys.channel = channel_measures.channel
    left join model_spend
        on channel_keys.attribution_model = model_spend.attribution_model
            and channel_keys.period_type = model_spend.period_type
            and channel_keys.period_start_date = model_spend.period_start_date
            and channel_keys.channel = model_spend.channel
),

-- a segment's share of its channel's spend: its share of the channel's leads
by_segment as (
    select
        segment_measures.attribution_model,
        segment_measures.period_type,
        segment_measures.period_start_date,
        segment_measures.channel,
        segment_measures.segment,
        {%- for column in ['spend', 'ad_spend', 'campaign_spend'] %}
            case
                when all_segments.leads > 0
                    then all_segments.{{ column }} * segment_measures.leads / all_segments.leads
                else 0
            end as {{ column }},
        {%- endfor %}
        0 as fx_rate_missing_rows,
        {{ revops.economics_measure_list('segment_measures.{}') }}
    from segment_measures
    inner join all_segments
        on segment_measures.attribution_model = all_segments.attribution_model
            and segment_measures.period_type = all_segments.period_type
            and segment_measures.period_start_date = all_segments.period_start_date
            and segment_measures.channel = all_segments.channel
),

unallocated as (
    select
        attribution_model,
        period_type,
        period_start_date,
        channel,
        'Unallocated' as segment,
        spend,
        ad_spend,
        campaign_spend,
        fx_rate_missing_rows,
        {{ revops.economics_measure_list('0') }}
    from all_segments
    where leads = 0
        and (spend <> 0 or fx_rate_missing_rows > 0)
),

combined as (
    select * from all_segments
    union all
    select * from by_segment
    union all
    select * from unallocated
),

final as (
    select
        combined.attribution_model,
        combined.period_type,
        combined.period_start_date,
        periods.period_end_date,
        periods.period_name,
        periods.period_end_date <= data_as_of.last_complete_week_end_date as is_complete_period,
        combined.channel,
        combined.segment,
        cast(combined.spend as {{ revops.type_money() }}) as spend,
        cast(combined.ad_spend as {{ revops.type_money() }}) as ad_spend,
        cast(combined.campaign_spend as {{ revops.type_money() }}) as campaign_spend,
        cast(combined.fx_rate_missing_rows as {{ dbt.type_bigint() }}) as fx_rate_missing_rows,
        {{ revops.economics_measure_list('combined.{}') }},
        -- no recorded spend means the cost is not tracked, not that it was free
        {{ revops.safe_ratio('nullif(combined.spend, 0)', 'combined.leads') }} as cost_per_lead,
        {{ revops.safe_ratio('nullif(combined.spend, 0)', 'combined.mqls') }} as cost_per_mql,
        {{ revops.safe_ratio('nullif(combined.spend, 0)', 'combined.sqls') }} as cost_per_sql,
        {{ revops.safe_ratio('nullif(combined.spend, 0)', 'combined.customers_won') }} as cac,
        {{ revops.safe_ratio('combined.new_arr', 'combined.new_arr_accounts') }} / 12 as new_mrr_per_new_account,
        {{ revops.cac_payback_months(
            revops.safe_ratio('nullif(combined.spend, 0)', 'combined.customers_won'),
            'combined.new_arr',
            'combined.new_arr_accounts'
        ) }} as cac_payback_months,
        {{ revops.safe_ratio('combined.pipeline_created', 'combined.spend') }} as pipeline_roi,
        {{ revops.safe_ratio('combined.new_arr', 'combined.spend') }} as first_year_roi,
        combined.new_arr_accounts > 0
        and combined.cohort_matured_accounts = combined.new_arr_accounts as is_cohort_mature,
        case
            when combined.new_arr_accounts > 0 and combined.cohort_matured_accounts = combined.new_arr_accounts
                then {{ revops.safe_ratio('combined.cohort_arr_12m', 'combined.cohort_starting_arr', 100) }}
        end as net_revenue_retention_12m,
        case
            when combined.new_arr_accounts > 0 and combined.cohort_matured_accounts = combined.new_arr_accounts
                then {{ revops.safe_ratio('combined.cohort_arr_12m', 'combined.spend') }}
        end as retention_adjusted_value
    from combined
    inner join periods
        on combined.period_type = periods.period_type
            and combined.period_start_date = periods.period_start_date
    cross join data_as_of
)

select * from final
