-- Marketing metrics per week: marketing_spend and landing_page_conversion_rate
-- (new_leads, mqls, cost_per_mql and mql_to_sql_rate join from the funnel).
with

weeks as (
    select * from {{ ref('metrics__weeks') }}
),

ad_spend as (
    select * from {{ ref('fct_ad_spend_daily') }}
),

form_submissions as (
    select * from {{ ref('fct_form_submissions') }}
),

weekly_spend as (
    select
        iso_week,
        -- rows without an FX rate are left out (reported by data health)
        sum(spend_reporting_currency) as spend,
        sum(clicks) as paid_clicks
    from ad_spend
    group by iso_week
),

weekly_submissions as (
    select
        iso_week,
        count(*) as submissions
    from form_submissions
    group by iso_week
),

final as (
    select
        weeks.iso_week,
        'marketing_spend' as metric_key,
        coalesce(weekly_spend.spend, 0) as metric_value,
        cast(null as {{ revops.type_metric() }}) as numerator,
        cast(null as {{ revops.type_metric() }}) as denominator,
        cast(null as {{ dbt.type_string() }}) as detail
    from weeks
    left join weekly_spend
        on weeks.iso_week = weekly_spend.iso_week
    union all
    select
        weeks.iso_week,
        'landing_page_conversion_rate' as metric_key,
        {{ revops.safe_ratio('coalesce(weekly_submissions.submissions, 0)', 'weekly_spend.paid_clicks', 100) }}
            as metric_value,
        coalesce(weekly_submissions.submissions, 0) as numerator,
        coalesce(weekly_spend.paid_clicks, 0) as denominator,
        cast(null as {{ dbt.type_string() }}) as detail
    from weeks
    left join weekly_spend
        on weeks.iso_week = weekly_spend.iso_week
    left join weekly_submissions
        on weeks.iso_week = weekly_submissions.iso_week
)

select * from final
