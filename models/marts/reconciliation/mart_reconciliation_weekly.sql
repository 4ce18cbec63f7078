-- Each team's own count beside the unified one, per week, and the difference
-- split into named reasons that add up to it exactly. Reasons on the team's
-- side add to the difference, reasons on the unified side subtract from it.
with

weeks as (
    select * from {{ ref('dim_weeks') }}
),

records as (
    select * from {{ ref('fct_reconciliation_records') }}
),

person_funnel as (
    select * from {{ ref('fct_person_funnel') }}
),

bookings_vs_billing as (
    select * from {{ ref('fct_bookings_vs_billing') }}
),

reasons as (
    select * from {{ ref('reconciliation_reasons') }}
),

labels as (
    select
        reconciliation_key,
        max(team_label) as team_label,
        max(unified_label) as unified_label
    from reasons
    group by reconciliation_key
),

team_counts as (
    select
        iso_week,
        reconciliation_key,
        count(*) as team_count
    from records
    where side = 'team'
    group by iso_week, reconciliation_key
),

-- The unified numbers, counted on their own (not from the reasons).
unified_counts as (
    select
        weeks.iso_week,
        'marketing_mqls' as reconciliation_key,
        count(person_funnel.person_id) as unified_count
    from weeks
    inner join person_funnel
        on person_funnel.mql_date between weeks.week_start_date and weeks.week_end_date
    group by weeks.iso_week
    union all
    select
        weeks.iso_week,
        'sales_new_leads' as reconciliation_key,
        count(person_funnel.person_id) as unified_count
    from weeks
    inner join person_funnel
        on person_funnel.lead_date between weeks.week_start_date and weeks.week_end_date
    group by weeks.iso_week
    union all
    select
        weeks.iso_week,
        'bookings_vs_billing' as reconciliation_key,
        count(*) as unified_count
    from weeks
    inner join bookings_vs_billing
        on bookings_vs_billing.event_date between weeks.week_start_date and weeks.week_end_date
    where bookings_vs_billing.record_type = 'arr_start'
    group by weeks.iso_week
),

reason_counts as (
    select
        iso_week,
        reconciliation_key,
        reason_key,
        count(*) as records
    from records
    group by iso_week, reconciliation_key, reason_key
),

record_weeks as (
    select distinct
        iso_week,
        reconciliation_key
    from records
    union
    select
        iso_week,
        reconciliation_key
    from unified_counts
),

final as (
    select
        cast(record_weeks.iso_week as {{ dbt.type_string() }}) as iso_week,
        cast(record_weeks.reconciliation_key as {{ dbt.type_string() }}) as reconciliation_key,
        cast(labels.team_label as {{ dbt.type_string() }}) as team_label,
        cast(coalesce(team_counts.team_count, 0) as {{ dbt.type_bigint() }}) as team_count,
        cast(labels.unified_label as {{ dbt.type_string() }}) as unified_label,
        cast(coalesce(unified_counts.unified_count, 0) as {{ dbt.type_bigint() }}) as unified_count,
        cast(
            coalesce(team_counts.team_count, 0) - coalesce(unified_counts.unified_count, 0) as {{ dbt.type_bigint() }}
        ) as difference,
        cast(reasons.reason_order as integer) as reason_order,
        cast(reasons.reason_key as {{ dbt.type_string() }}) as reason_key,
        cast(reasons.reason_label as {{ dbt.type_string() }}) as reason_label,
        cast(reasons.reason_sign * coalesce(reason_counts.records, 0) as {{ dbt.type_bigint() }}) as reason_count
    from record_weeks
    inner join labels
        on record_weeks.reconciliation_key = labels.reconciliation_key
    inner join reasons
        on record_weeks.reconciliation_key = reasons.reconciliation_key
    left join team_counts
        on
            record_weeks.iso_week = team_counts.iso_week
            and record_weeks.reconciliation_key = team_counts.reconciliation_key
    left join unified_counts
        on
            record_weeks.iso_week = unified_counts.iso_week
            and record_weeks.reconciliation_key = unified_counts.reconciliation_key
    left join reason_counts
        on
            record_weeks.iso_week = reason_counts.iso_week
            and record_weeks.reconciliation_key = reason_counts.reconciliation_key
            and reasons.reason_key = reason_counts.reason_key
)

select * from final
