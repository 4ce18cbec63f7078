{#- One row per ISO week, ranking and side (best, worst): for the
    scorecard's Invest part, the channels at either end of two rankings as
    of the latest fiscal quarter that had ended by the week's Sunday.
    cac_payback_months (mart_channel_economics, first touch, all segments):
    channels with spend in the quarter; best = shortest payback; worst = the
    channel with the most spend and no payback (spend but no customer or
    no new ARR), else the longest payback. net_revenue_retention_12m
    (mart_customer_outcomes by acquisition channel, on the last reporting
    Sunday of that quarter): best = highest, worst = lowest. 'Unknown' is
    not a channel one can invest in and is left out; ties go to the channel
    name. -#}
with

economics as (
    select * from {{ ref('mart_channel_economics') }}
),

outcomes as (
    select * from {{ ref('mart_customer_outcomes') }}
),

forecast_weeks as (
    select * from {{ ref('fct_forecast_weekly') }}
),

quarters as (
    select distinct
        period_name,
        period_end_date
    from economics
    where period_type = 'quarter'
        and is_complete_period
),

week_quarters as (
    select
        forecast_weeks.iso_week,
        forecast_weeks.week_end_date,
        max(quarters.period_end_date) as quarter_end_date
    from forecast_weeks
    inner join quarters
        on forecast_weeks.week_end_date >= quarters.period_end_date
    group by forecast_weeks.iso_week, forecast_weeks.week_end_date
),

payback_candidates as (
    select
        week_quarters.iso_week,
        economics.period_name as quarter_name,
        economics.channel,
        economics.cac_payback_months as ranked_value,
        economics.spend,
        economics.customers_won as accounts,
        row_number() over (
            partition by week_quarters.iso_week
            order by
                case when economics.cac_payback_months is null then 1 else 0 end asc,
                economics.cac_payback_months asc,
                economics.channel asc
        ) as best_rank,
        row_number() over (
            partition by week_quarters.iso_week
            order by
                case when economics.cac_payback_months is null then 0 else 1 end asc,
                economics.cac_payback_months desc,
                economics.spend desc,
                economics.channel asc
        ) as worst_rank,
        count(*) over (partition by week_quarters.iso_week) as channels_ranked
    from week_quarters
    inner join economics
        on week_quarters.quarter_end_date = economics.period_end_date
    where economics.period_type = 'quarter'
        and economics.segment = 'All'
        and economics.channel <> 'Unknown'
        and economics.spend > 0
),

quarter_last_sundays as (
    select
        week_quarters.iso_week,
        max(outcomes.week_end_date) as outcome_week_end_date
    from week_quarters
    inner join outcomes
        on week_quarters.quarter_end_date >= outcomes.week_end_date
    group by week_quarters.iso_week
),

retention_candidates as (
    select
        week_quarters.iso_week,
        quarters.period_name as quarter_name,
        outcomes.dimension_value as channel,
        outcomes.nrr as ranked_value,
        cast(null as {{ revops.type_money() }}) as spend,
        outcomes.cohort_accounts as accounts,
        row_number() over (
            partition by week_quarters.iso_week order by outcomes.nrr desc, outcomes.dimension_value asc
        ) as best_rank,
        row_number() over (
            partition by week_quarters.iso_week order by outcomes.nrr asc, outcomes.dimension_value asc
        ) as worst_rank,
        count(*) over (partition by week_quarters.iso_week) as channels_ranked
    from week_quarters
    inner join quarters
        on week_quarters.quarter_end_date = quarters.period_end_date
    inner join quarter_last_sundays
        on week_quarters.iso_week = quarter_last_sundays.iso_week
    inner join outcomes
        on quarter_last_sundays.outcome_week_end_date = outcomes.week_end_date
    where outcomes.dimension = 'acquisition_channel'
        and outcomes.dimension_value <> 'Unknown'
        and outcomes.nrr is not null
),

ranked as (
    select
        'cac_payback_months' as ranking,
        payback_candidates.*
    from payback_candidates
    union all
    select
        'net_revenue_retention_12m' as ranking,
        retention_candidates.*
    from retention_candidates
),

sides as (
    select
        ranking,
        iso_week,
        quarter_name,
        'best' as rank_side,
        channel,
        ranked_value,
        spend,
        accounts,
        channels_ranked
    from ranked
    where best_rank = 1
    union all
    select
        ranking,
        iso_week,
        quarter_name,
        'worst' as rank_side,
        channel,
        ranked_value,
        spend,
        accounts,
        channels_ranked
    from ranked
    where worst_rank = 1
),

final as (
    select
        cast({{ revops.surrogate_key(['iso_week', 'ranking', 'rank_side']) }} as {{ dbt.type_string() }})
            as invest_channel_id,
        cast(iso_week as {{ dbt.type_string() }}) as iso_week,
        cast(quarter_name as {{ dbt.type_string() }}) as quarter_name,
        cast(ranking as {{ dbt.type_string() }}) as ranking,
        cast(rank_side as {{ dbt.type_string() }}) as rank_side,
        cast(channel as {{ dbt.type_string() }}) as channel,
        cast(ranked_value as {{ revops.type_ratio() }}) as ranked_value,
        cast(spend as {{ revops.type_money() }}) as spend,
        cast(accounts as {{ dbt.type_bigint() }}) as accounts,
        cast(channels_ranked as {{ dbt.type_bigint() }}) as channels_ranked
    from sides
)

select * from final
