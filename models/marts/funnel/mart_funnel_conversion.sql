{#- One row per cohort week, channel, campaign, segment and stage transition
    (lead->mql, mql->sql, sql->opportunity, opportunity->won, and lead->won
    end to end). The cohort is the persons who entered the from-stage in the
    ISO week; converted when from date <= to date <= from date +
    var('funnel_maturation_days') days (calendar dates). Days between stages
    (median, mean) over the converted. A cohort is mature once its Sunday
    plus the window has passed by the last complete week of the landed data;
    younger cohorts are flagged, their rates still rising. -#}
{%- set window_days = var('funnel_maturation_days') | int -%}
{%- set transitions = [
    ('lead', 'mql'),
    ('mql', 'sql'),
    ('sql', 'opportunity'),
    ('opportunity', 'won'),
    ('lead', 'won'),
] -%}

with

person_funnel as (
    select * from {{ ref('fct_person_funnel') }}
),

days as (
    select * from {{ ref('int_calendar__days') }}
),

data_as_of as (
    select * from {{ ref('int_sales__data_as_of') }}
),

transitions as (
    {%- for from_stage, to_stage in transitions %}
        select
            person_id,
            channel,
            coalesce(campaign, '(none)') as campaign,
            segment,
            '{{ from_stage }}' as from_stage,
            '{{ to_stage }}' as to_stage,
            {{ loop.index }} as transition_order,
            {{ from_stage }}_date as from_date,
            case
                when {{ to_stage }}_date >= {{ from_stage }}_date
                    and {{ to_stage }}_date <= {{ dbt.dateadd('day', window_days, from_stage ~ '_date') }}
                    then {{ revops.days_between(from_stage ~ '_date', to_stage ~ '_date') }}
            end as days_to_convert
        from person_funnel
        where {{ from_stage }}_date is not null
        {%- if not loop.last %}

            union all
        {% endif %}
    {%- endfor %}
),

cohorts as (
    select
        days.iso_week as cohort_week,
        days.week_start_date as cohort_week_start_date,
        days.week_end_date as cohort_week_end_date,
        transitions.channel,
        transitions.campaign,
        transitions.segment,
        transitions.from_stage,
        transitions.to_stage,
        transitions.transition_order,
        count(*) as cohort_size,
        count(transitions.days_to_convert) as converted_count,
        {{ revops.median('transitions.days_to_convert') }} as median_days_to_convert,
        avg(transitions.days_to_convert) as mean_days_to_convert
    from transitions
    inner join days
        on transitions.from_date = days.calendar_date
    group by
        days.iso_week,
        days.week_start_date,
        days.week_end_date,
        transitions.channel,
        transitions.campaign,
        transitions.segment,
        transitions.from_stage,
        transitions.to_stage,
        transitions.transition_order
),

final as (
    select
        cast({{ revops.surrogate_key([
            'cohorts.cohort_week', 'cohorts.channel', 'cohorts.campaign', 'cohorts.segment',
            'cohorts.from_stage', 'cohorts.to_stage'
        ]) }} as {{ dbt.type_string() }}) as conversion_cohort_id,
        cast(cohorts.cohort_week as {{ dbt.type_string() }}) as cohort_week,
        cast(cohorts.cohort_week_start_date as date) as cohort_week_start_date,
        cast(cohorts.cohort_week_end_date as date) as cohort_week_end_date,
        cast(cohorts.channel as {{ dbt.type_string() }}) as channel,
        cast(cohorts.campaign as {{ dbt.type_string() }}) as campaign,
        cast(cohorts.segment as {{ dbt.type_string() }}) as segment,
        cast(cohorts.from_stage as {{ dbt.type_string() }}) as from_stage,
        cast(cohorts.to_stage as {{ dbt.type_string() }}) as to_stage,
        cast(cohorts.transition_order as integer) as transition_order,
        cast({{ window_days }} as integer) as maturation_days,
        cast(
            {{ dbt.dateadd('day', window_days, 'cohorts.cohort_week_end_date') }}
            <= data_as_of.last_complete_week_end_date as {{ dbt.type_boolean() }}
        ) as is_mature,
        cast(cohorts.cohort_size as bigint) as cohort_size,
        cast(cohorts.converted_count as bigint) as converted_count,
        cast(
            100.0 * cohorts.converted_count / nullif(cohorts.cohort_size, 0) as {{ revops.type_ratio() }}
        ) as conversion_rate,
        cast(cohorts.median_days_to_convert as {{ revops.type_ratio() }}) as median_days_to_convert,
        cast(cohorts.mean_days_to_convert as {{ revops.type_ratio() }}) as mean_days_to_convert
    from cohorts
    cross join data_as_of
)

select * from final
