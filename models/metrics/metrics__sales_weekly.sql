-- Sales metrics per week: sqls, pipeline_created, bookings, deals_won,
-- win_rate, avg_sales_cycle_days, open_pipeline, weighted_pipeline.
with

weeks as (
    select * from {{ ref('metrics__weeks') }}
),

person_funnel as (
    select * from {{ ref('fct_person_funnel') }}
),

opportunities as (
    select * from {{ ref('fct_opportunities') }}
),

pipeline_weekly as (
    select * from {{ ref('fct_pipeline_weekly') }}
),

weekly_sqls as (
    select
        weeks.iso_week,
        count(person_funnel.person_id) as sqls
    from weeks
    inner join person_funnel
        on person_funnel.sql_date between weeks.week_start_date and weeks.week_end_date
    group by weeks.iso_week
),

-- New Business and Expansion deals: pipeline at creation (FX at the created
-- date), bookings at their current amount (FX at the close date).
new_and_expansion as (
    select * from opportunities
    where is_new_business or is_expansion
),

weekly_created as (
    select
        weeks.iso_week,
        sum(new_and_expansion.amount_at_creation_reporting) as pipeline_created
    from weeks
    inner join new_and_expansion
        on new_and_expansion.created_date between weeks.week_start_date and weeks.week_end_date
    group by weeks.iso_week
),

weekly_won as (
    select
        weeks.iso_week,
        sum(new_and_expansion.amount_reporting) as bookings,
        count(*) as deals_won
    from weeks
    inner join new_and_expansion
        on new_and_expansion.close_date between weeks.week_start_date and weeks.week_end_date
    where new_and_expansion.is_won
    group by weeks.iso_week
),

-- New Business deals closed in the trailing 13 weeks (W-12 to W).
trailing_closed as (
    select
        weeks.iso_week,
        sum(case when opportunities.is_won then 1 else 0 end) as won,
        count(*) as closed,
        sum(
            case
                when opportunities.is_won
                    then {{ revops.days_between('opportunities.created_date', 'opportunities.close_date') }}
            end
        ) as won_cycle_days
    from weeks
    inner join opportunities
        on
            weeks.week_end_date >= opportunities.close_date
            and {{ dbt.dateadd('day', -84, 'weeks.week_start_date') }} <= opportunities.close_date
    where opportunities.is_new_business and opportunities.is_closed
    group by weeks.iso_week
),

weekly_pipeline as (
    select
        iso_week,
        sum(amount_reporting) as open_pipeline,
        sum(weighted_amount_reporting) as weighted_pipeline
    -- the snapshots hold open New Business and Expansion deals only
    from pipeline_weekly
    group by iso_week
),

by_week as (
    select
        weeks.iso_week,
        coalesce(weekly_sqls.sqls, 0) as sqls,
        coalesce(weekly_created.pipeline_created, 0) as pipeline_created,
        coalesce(weekly_won.bookings, 0) as bookings,
        coalesce(weekly_won.deals_won, 0) as deals_won,
        coalesce(trailing_closed.won, 0) as trailing_won,
        coalesce(trailing_closed.closed, 0) as trailing_closed,
        coalesce(trailing_closed.won_cycle_days, 0) as trailing_won_cycle_days,
        coalesce(weekly_pipeline.open_pipeline, 0) as open_pipeline,
        coalesce(weekly_pipeline.weighted_pipeline, 0) as weighted_pipeline
    from weeks
    left join weekly_sqls
        on weeks.iso_week = weekly_sqls.iso_week
    left join weekly_created
        on weeks.iso_week = weekly_created.iso_week
    left join weekly_won
        on weeks.iso_week = weekly_won.iso_week
    left join trailing_closed
        on weeks.iso_week = trailing_closed.iso_week
    left join weekly_pipeline
        on weeks.iso_week = weekly_pipeline.iso_week
),

final as (
    {{ revops.unpivot_metrics('by_week', [
        {'key': 'sqls', 'value': 'sqls'},
        {'key': 'pipeline_created', 'value': 'pipeline_created'},
        {'key': 'bookings', 'value': 'bookings'},
        {'key': 'deals_won', 'value': 'deals_won'},
        {'key': 'win_rate', 'numerator': 'trailing_won', 'denominator': 'trailing_closed', 'scale': 100},
        {'key': 'avg_sales_cycle_days', 'numerator': 'trailing_won_cycle_days', 'denominator': 'trailing_won'},
        {'key': 'open_pipeline', 'value': 'open_pipeline'},
        {'key': 'weighted_pipeline', 'value': 'weighted_pipeline'},
    ]) }}
)

select * from final
