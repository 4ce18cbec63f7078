{#- Every scorecard metric for every week of data, from the section models,
    with its definition, target and status. The scorecard reads only this.
    A metric one of whose source systems (metric_sources) does not reach the
    week (D72) is not measured: null value, numerator, denominator, change
    and status none, with missing_reason naming the system and its last
    load. -#}
{%- set tolerance = var('target_amber_tolerance') %}

with

weeks as (
    select * from {{ ref('metrics__weeks') }}
),

definitions as (
    select * from {{ ref('metric_definitions') }}
),

targets as (
    select * from {{ ref('metric_targets') }}
),

metric_sources as (
    select * from {{ ref('metric_sources') }}
),

data_as_of as (
    select * from {{ ref('int_data_health__data_as_of') }}
),

section_values as (
    select
        iso_week,
        metric_key,
        metric_value,
        numerator,
        denominator,
        detail
    from {{ ref('metrics__marketing_weekly') }}
    union all
    select
        iso_week,
        metric_key,
        metric_value,
        numerator,
        denominator,
        detail
    from {{ ref('metrics__data_health_weekly') }}
    union all
    select
        iso_week,
        metric_key,
        metric_value,
        numerator,
        denominator,
        detail
    from {{ ref('metrics__sales_weekly') }}
    union all
    select
        iso_week,
        metric_key,
        metric_value,
        numerator,
        denominator,
        detail
    from {{ ref('metrics__revenue_weekly') }}
    union all
    select
        iso_week,
        metric_key,
        metric_value,
        numerator,
        denominator,
        detail
    from {{ ref('metrics__customer_success_weekly') }}
),

grid as (
    select
        weeks.iso_week,
        weeks.week_start_date,
        weeks.week_end_date,
        definitions.metric_key,
        definitions.label,
        definitions.section,
        definitions.unit,
        definitions.aggregation,
        definitions.higher_is_better,
        definitions.owner_team
    from weeks
    cross join definitions
),

-- Each (week, metric) whose source systems do not all reach the week, with
-- the reason in words: 'stripe data ends 2026-03-01 06:00 UTC'.
unreached as (
    select
        weeks.iso_week,
        metric_sources.metric_key,
        {{ revops.string_agg_sorted(
            "metric_sources.source_system || case when data_as_of.last_synced_at is null"
            ~ " then ' has landed no data' else ' data ends ' || "
            ~ revops.load_instant_text('data_as_of.last_synced_at') ~ " end",
            "'; '"
        ) }} as missing_reason
    from weeks
    cross join metric_sources
    left join data_as_of
        on metric_sources.source_system = data_as_of.source_system
    where
        data_as_of.last_complete_week_end_date is null
        or weeks.week_end_date > data_as_of.last_complete_week_end_date
    group by weeks.iso_week, metric_sources.metric_key
),

-- Casts wrap the case (and lag below), not its branch: PostgreSQL drops
-- numeric's (38, 6) from a case with an implicit else and from lag, and the
-- model's output would then be a bare numeric on that engine (D150).
valued as (
    select
        grid.*,
        cast(
            case when unreached.missing_reason is null then section_values.metric_value end
            as {{ revops.type_metric() }}
        ) as metric_value,
        cast(
            case when unreached.missing_reason is null then section_values.numerator end
            as {{ revops.type_metric() }}
        ) as numerator,
        cast(
            case when unreached.missing_reason is null then section_values.denominator end
            as {{ revops.type_metric() }}
        ) as denominator,
        case when unreached.missing_reason is null then section_values.detail end as detail,
        cast(unreached.missing_reason as {{ dbt.type_string() }}) as missing_reason
    from grid
    left join section_values
        on
            grid.iso_week = section_values.iso_week
            and grid.metric_key = section_values.metric_key
    left join unreached
        on
            grid.iso_week = unreached.iso_week
            and grid.metric_key = unreached.metric_key
),

-- A target applies to the weeks whose Sunday falls in its period; the finest
-- period wins. Flow metrics (sums over the week) get the period target
-- pro rata (7 days / days in the period); level metrics take it as it is.
applicable_targets as (
    select
        valued.iso_week,
        valued.metric_key,
        case
            when valued.aggregation = 'flow'
                then cast(targets.target_value as {{ revops.type_ratio() }}) * 7 / {{ dbt.datediff(
                    'targets.period_start',
                    revops.period_end('targets.period_start', 'targets.period_type'),
                    'day'
                ) }}
            else cast(targets.target_value as {{ revops.type_ratio() }})
        end as target_value,
        row_number() over (
            partition by valued.iso_week, valued.metric_key
            order by case targets.period_type when 'week' then 1 when 'month' then 2 else 3 end
        ) as target_rank
    from valued
    inner join targets
        on
            valued.metric_key = targets.metric_key
            and valued.week_end_date >= targets.period_start
            and valued.week_end_date < {{ revops.period_end('targets.period_start', 'targets.period_type') }}
),

with_targets as (
    select
        valued.*,
        cast(applicable_targets.target_value as {{ revops.type_metric() }}) as target_value
    from valued
    left join applicable_targets
        on
            valued.iso_week = applicable_targets.iso_week
            and valued.metric_key = applicable_targets.metric_key
            and applicable_targets.target_rank = 1
),

with_history as (
    select
        with_targets.*,
        cast(lag(with_targets.metric_value) over (
            partition by with_targets.metric_key order by with_targets.iso_week
        ) as {{ revops.type_metric() }}) as previous_value,
        avg(with_targets.metric_value) over (
            partition by with_targets.metric_key order by with_targets.iso_week
            rows between 4 preceding and 1 preceding
        ) as average_previous_4_weeks
    from with_targets
),

final as (
    select
        iso_week,
        week_start_date,
        week_end_date,
        metric_key,
        label,
        section,
        unit,
        higher_is_better,
        owner_team,
        metric_value,
        numerator,
        denominator,
        detail,
        missing_reason,
        previous_value,
        cast(metric_value - previous_value as {{ revops.type_metric() }}) as change_vs_previous,
        cast(average_previous_4_weeks as {{ revops.type_metric() }}) as average_previous_4_weeks,
        target_value,
        case
            when target_value is null or metric_value is null then 'none'
            when higher_is_better and metric_value >= target_value then 'green'
            when not higher_is_better and metric_value <= target_value then 'green'
            when
                higher_is_better
                and metric_value >= target_value - abs(target_value) * {{ tolerance }}
                then 'amber'
            when
                not higher_is_better
                and metric_value <= target_value + abs(target_value) * {{ tolerance }}
                then 'amber'
            else 'red'
        end as status
    from with_history
)

select * from final
