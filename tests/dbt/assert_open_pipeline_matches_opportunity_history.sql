{#- open_pipeline (and the count of open deals) at five past week ends - the
    last snapshot week and 4, 13, 26 and 52 weeks before it - summed from
    fct_pipeline_weekly must equal the figure recomputed here straight from
    staging opportunity_history, by a different route (latest change per
    week end by max(), not by history intervals). Fails with one row per
    week end that differs. -#}
with

snapshots as (
    select * from {{ ref('fct_pipeline_weekly') }}
),

weeks as (
    select * from {{ ref('int_calendar__weeks') }}
),

opportunities as (
    select * from {{ ref('stg_salesforce__opportunity') }}
),

history as (
    select * from {{ ref('stg_salesforce__opportunity_history') }}
),

stage_mapping as (
    select
        lower(trim(stage_name)) as stage_key,
        coalesce(is_closed, false) or coalesce(is_won, false) as is_closed_stage
    from {{ ref('crm_stage_mapping') }}
),

salesforce_accounts as (
    select
        source_record_id,
        is_internal
    from {{ ref('bridge_account_records') }}
    where source_system = 'salesforce'
        and source_table = 'account'
),

fx_rates as (
    select * from {{ ref('int_finance__fx_rates_daily') }}
),

last_snapshot as (
    select max(week_end_date) as week_end_date
    from snapshots
),

checked_weeks as (
    select
        weeks.iso_week,
        weeks.week_end_date,
        weeks.week_end_at
    from weeks
    cross join last_snapshot
    where weeks.week_end_date = last_snapshot.week_end_date
        or weeks.week_end_date = cast({{ dbt.dateadd('day', -28, 'last_snapshot.week_end_date') }} as date)
        or weeks.week_end_date = cast({{ dbt.dateadd('day', -91, 'last_snapshot.week_end_date') }} as date)
        or weeks.week_end_date = cast({{ dbt.dateadd('day', -182, 'last_snapshot.week_end_date') }} as date)
        or weeks.week_end_date = cast({{ dbt.dateadd('day', -364, 'last_snapshot.week_end_date') }} as date)
),

pipeline_opportunities as (
    select
        opportunities.opportunity_id,
        opportunities.created_at,
        opportunities.stage_name,
        opportunities.amount,
        opportunities.probability,
        opportunities.currency_code
    from opportunities
    left join salesforce_accounts
        on {{ revops.salesforce_id_key('opportunities.account_id') }}
            = {{ revops.salesforce_id_key('salesforce_accounts.source_record_id') }}
    where not opportunities.is_deleted
        and not coalesce(salesforce_accounts.is_internal, false)
        and opportunities.opportunity_type_normalized in ('new business', 'expansion')
),

live_history as (
    select history.*
    from history
    inner join pipeline_opportunities
        on history.opportunity_id = pipeline_opportunities.opportunity_id
    where not history.is_deleted
        and history.created_at is not null
),

latest_change_times as (
    select
        checked_weeks.iso_week,
        live_history.opportunity_id,
        max(live_history.created_at) as changed_at
    from checked_weeks
    inner join live_history
        on checked_weeks.week_end_at > live_history.created_at
    group by checked_weeks.iso_week, live_history.opportunity_id
),

latest_rows as (
    select
        latest_change_times.iso_week,
        latest_change_times.opportunity_id,
        max(live_history.opportunity_history_id) as opportunity_history_id
    from latest_change_times
    inner join live_history
        on latest_change_times.opportunity_id = live_history.opportunity_id
            and latest_change_times.changed_at = live_history.created_at
    group by latest_change_times.iso_week, latest_change_times.opportunity_id
),

history_states as (
    select
        latest_rows.iso_week,
        live_history.opportunity_id,
        live_history.stage_name,
        live_history.amount
    from latest_rows
    inner join live_history
        on latest_rows.opportunity_history_id = live_history.opportunity_history_id
),

current_states as (
    select
        checked_weeks.iso_week,
        pipeline_opportunities.opportunity_id,
        pipeline_opportunities.stage_name,
        pipeline_opportunities.amount
    from checked_weeks
    cross join pipeline_opportunities
    where pipeline_opportunities.opportunity_id not in (
            select live_history.opportunity_id from live_history
        )
),

states as (
    select * from history_states
    union all
    select * from current_states
),

recomputed as (
    select
        checked_weeks.iso_week,
        count(*) as open_opportunities,
        sum({{ revops.to_reporting_currency('states.amount', 'fx_rates.to_reporting_rate') }}) as open_pipeline
    from states
    inner join checked_weeks
        on states.iso_week = checked_weeks.iso_week
    inner join pipeline_opportunities
        on states.opportunity_id = pipeline_opportunities.opportunity_id
    left join stage_mapping
        on lower(trim(states.stage_name)) = stage_mapping.stage_key
    left join fx_rates
        on pipeline_opportunities.currency_code = fx_rates.currency_code
            and checked_weeks.week_end_date = fx_rates.calendar_date
    where pipeline_opportunities.created_at < checked_weeks.week_end_at
        and not coalesce(stage_mapping.is_closed_stage, false)
    group by checked_weeks.iso_week
),

from_snapshots as (
    select
        snapshots.iso_week,
        count(*) as open_opportunities,
        sum(snapshots.amount_reporting) as open_pipeline
    from snapshots
    inner join checked_weeks
        on snapshots.iso_week = checked_weeks.iso_week
    group by snapshots.iso_week
),

final as (
    select
        checked_weeks.iso_week,
        from_snapshots.open_opportunities as snapshot_open_opportunities,
        recomputed.open_opportunities as recomputed_open_opportunities,
        from_snapshots.open_pipeline as snapshot_open_pipeline,
        recomputed.open_pipeline as recomputed_open_pipeline
    from checked_weeks
    left join from_snapshots
        on checked_weeks.iso_week = from_snapshots.iso_week
    left join recomputed
        on checked_weeks.iso_week = recomputed.iso_week
    where coalesce(from_snapshots.open_opportunities, 0) <> coalesce(recomputed.open_opportunities, 0)
        or coalesce(from_snapshots.open_pipeline, 0) <> coalesce(recomputed.open_pipeline, 0)
)

select * from final
