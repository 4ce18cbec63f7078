-- The unified side of each reconciliation is the scorecard's own number:
-- MQLs and new leads from fct_weekly_metrics, for every week of both.
with

reconciliation as (
    select distinct
        iso_week,
        reconciliation_key,
        unified_count
    from {{ ref('mart_reconciliation_weekly') }}
    where reconciliation_key in ('marketing_mqls', 'sales_new_leads')
),

metrics as (
    select
        iso_week,
        case metric_key when 'mqls' then 'marketing_mqls' else 'sales_new_leads' end as reconciliation_key,
        metric_value
    from {{ ref('fct_weekly_metrics') }}
    where metric_key in ('mqls', 'new_leads')
)

select
    metrics.iso_week,
    metrics.reconciliation_key,
    metrics.metric_value,
    reconciliation.unified_count
from metrics
left join reconciliation
    on
        metrics.iso_week = reconciliation.iso_week
        and metrics.reconciliation_key = reconciliation.reconciliation_key
where coalesce(reconciliation.unified_count, 0) <> metrics.metric_value
