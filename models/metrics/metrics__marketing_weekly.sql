-- Marketing metrics per week: new_leads, mqls, marketing_spend, cost_per_mql,
-- landing_page_conversion_rate and mql_to_sql_rate. One row per week and key.
with

weeks as (
    select * from {{ ref('metrics__weeks') }}
),

person_funnel as (
    select * from {{ ref('fct_person_funnel') }}
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

weekly_persons as (
    select
        weeks.iso_week,
        sum(
            case when person_funnel.lead_date between weeks.week_start_date and weeks.week_end_date then 1 else 0 end
        ) as new_leads,
        sum(
            case when person_funnel.mql_date between weeks.week_start_date and weeks.week_end_date then 1 else 0 end
        ) as mqls
    from weeks
    cross join person_funnel
    group by weeks.iso_week
),

-- The matured cohort: persons whose MQL date is in the 13 weeks that end 13
-- weeks before this week's end; converted when the SQL date comes within
-- the maturation window after the MQL date (calendar dates, both ends in).
mql_cohorts as (
    select
        weeks.iso_week,
        count(*) as cohort_size,
        sum(
            case
                when
                    person_funnel.sql_date >= person_funnel.mql_date
                    and person_funnel.sql_date
                    <= {{ dbt.dateadd('day', var('funnel_maturation_days'), 'person_funnel.mql_date') }}
                    then 1
                else 0
            end
        ) as converted
    from weeks
    inner join person_funnel
        on
            person_funnel.mql_date >= {{ dbt.dateadd('day', 7 - 26 * 7, 'weeks.week_start_date') }}
            and person_funnel.mql_date < {{ dbt.dateadd('day', 7 - 13 * 7, 'weeks.week_start_date') }}
    group by weeks.iso_week
),

by_week as (
    select
        weeks.iso_week,
        coalesce(weekly_spend.spend, 0) as spend,
        coalesce(weekly_spend.paid_clicks, 0) as paid_clicks,
        coalesce(weekly_submissions.submissions, 0) as submissions,
        coalesce(weekly_persons.new_leads, 0) as new_leads,
        coalesce(weekly_persons.mqls, 0) as mqls,
        coalesce(mql_cohorts.cohort_size, 0) as mql_cohort_size,
        coalesce(mql_cohorts.converted, 0) as mql_cohort_converted
    from weeks
    left join weekly_spend
        on weeks.iso_week = weekly_spend.iso_week
    left join weekly_submissions
        on weeks.iso_week = weekly_submissions.iso_week
    left join weekly_persons
        on weeks.iso_week = weekly_persons.iso_week
    left join mql_cohorts
        on weeks.iso_week = mql_cohorts.iso_week
),

final as (
    {{ revops.unpivot_metrics('by_week', [
        {'key': 'new_leads', 'value': 'new_leads'},
        {'key': 'mqls', 'value': 'mqls'},
        {'key': 'marketing_spend', 'value': 'spend'},
        {'key': 'cost_per_mql', 'numerator': 'spend', 'denominator': 'mqls'},
        {'key': 'landing_page_conversion_rate', 'numerator': 'submissions', 'denominator': 'paid_clicks', 'scale': 100},
        {'key': 'mql_to_sql_rate', 'numerator': 'mql_cohort_converted', 'denominator': 'mql_cohort_size', 'scale': 100},
    ]) }}
)

select * from final
