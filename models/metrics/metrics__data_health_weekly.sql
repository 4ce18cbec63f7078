-- Data health metrics per week: billing_crm_match_rate, mql_crm_sync_rate,
-- duplicate_person_rate, stale_sources and quarantined_rows. One row per
-- week and metric key.
with

weeks as (
    select * from {{ ref('metrics__weeks') }}
),

person_records as (
    select * from {{ ref('bridge_person_records') }}
),

source_syncs as (
    select * from {{ ref('fct_source_syncs') }}
),

person_funnel as (
    select * from {{ ref('fct_person_funnel') }}
),

quarantined_rows as (
    select * from {{ ref('fct_quarantined_rows') }}
),

-- Rows held back by the quality rules among those loaded by the week end
-- (a row whose load time cannot be read counts from the first week).
quarantine_counts as (
    select
        weeks.iso_week,
        count(quarantined_rows.record_key) as quarantined
    from weeks
    inner join quarantined_rows
        on
            weeks.week_end_at > quarantined_rows.synced_at
            or quarantined_rows.synced_at is null
    group by weeks.iso_week
),

arr_movements as (
    select * from {{ ref('fct_arr_movements') }}
),

accounts as (
    select * from {{ ref('dim_accounts') }}
),

-- Paying accounts (ARR above zero on the Sunday) and whether their billing
-- resolved to a Salesforce account (by metadata, domain or override);
-- a Stripe customer that matched nothing is its own 'stripe' account.
billing_match as (
    select
        arr_movements.iso_week,
        count(*) as paying_accounts,
        sum(case when accounts.account_source = 'salesforce' then 1 else 0 end) as linked_accounts
    from arr_movements
    inner join accounts
        on arr_movements.account_id = accounts.account_id
    where arr_movements.arr > 0
    group by arr_movements.iso_week
),

-- Persons with a live Salesforce lead or contact, whenever created.
persons_in_crm as (
    select distinct person_id
    from person_records
    where
        source_system = 'salesforce'
        and source_table in ('lead', 'contact')
        and not is_deleted
),

mql_sync as (
    select
        weeks.iso_week,
        count(*) as mqls,
        count(persons_in_crm.person_id) as mqls_in_crm
    from weeks
    inner join person_funnel
        on person_funnel.mql_date between weeks.week_start_date and weeks.week_end_date
    left join persons_in_crm
        on person_funnel.person_id = persons_in_crm.person_id
    group by weeks.iso_week
),

-- Raw person records of the CRM and marketing tools: live, non-internal.
-- Records without a creation date count in every week (metrics spec).
countable_person_records as (
    select
        person_record_id,
        person_id,
        record_created_at
    from person_records
    where
        (
            (source_system = 'hubspot' and source_table = 'contact')
            or (source_system = 'salesforce' and source_table in ('lead', 'contact'))
        )
        and not is_deleted
        and not is_internal
),

duplicates as (
    select
        weeks.iso_week,
        count(*) as person_records,
        count(distinct countable_person_records.person_id) as persons
    from weeks
    inner join countable_person_records
        on
            weeks.week_end_at > countable_person_records.record_created_at
            or countable_person_records.record_created_at is null
    group by weeks.iso_week
),

-- A table is stale for a week when nothing of it landed, or when its last
-- load is more than its declared stale_after_days before the week end (0: it
-- needs a load at or after the week end; null: no expectation, for tables
-- that rarely change). A table that landed rows without a sync column has no
-- load time to judge and is not stale (D115). A system is stale when any of
-- its tables is; the detail names the tables (system.table).
stale_tables as (
    select
        weeks.iso_week,
        source_syncs.source_system,
        {{ dbt.concat(['source_syncs.source_system', "'.'", 'source_syncs.source_table']) }} as stale_table
    from weeks
    cross join source_syncs
    where
        source_syncs.staged_rows = 0
        or source_syncs.last_synced_at
        < {{ dbt.dateadd('day', '-1 * source_syncs.stale_after_days', 'weeks.week_end_at') }}
),

stale_counts as (
    select
        weeks.iso_week,
        count(distinct stale_tables.source_system) as stale_systems,
        {{ revops.string_agg_sorted('stale_tables.stale_table', "', '") }} as stale_table_names
    from weeks
    left join stale_tables
        on weeks.iso_week = stale_tables.iso_week
    group by weeks.iso_week
),

final as (
    select
        weeks.iso_week,
        'billing_crm_match_rate' as metric_key,
        cast(
            {{ revops.safe_ratio('billing_match.linked_accounts', 'billing_match.paying_accounts', 100) }}
            as {{ revops.type_metric() }}
        ) as metric_value,
        coalesce(billing_match.linked_accounts, 0) as numerator,
        coalesce(billing_match.paying_accounts, 0) as denominator,
        cast(null as {{ dbt.type_string() }}) as detail
    from weeks
    left join billing_match
        on weeks.iso_week = billing_match.iso_week
    union all
    select
        weeks.iso_week,
        'mql_crm_sync_rate' as metric_key,
        cast({{ revops.safe_ratio('mql_sync.mqls_in_crm', 'mql_sync.mqls', 100) }} as {{ revops.type_metric() }})
            as metric_value,
        coalesce(mql_sync.mqls_in_crm, 0) as numerator,
        coalesce(mql_sync.mqls, 0) as denominator,
        cast(null as {{ dbt.type_string() }}) as detail
    from weeks
    left join mql_sync
        on weeks.iso_week = mql_sync.iso_week
    union all
    select
        weeks.iso_week,
        'duplicate_person_rate' as metric_key,
        cast(
            {{ revops.safe_ratio('duplicates.person_records - duplicates.persons', 'duplicates.person_records', 100) }}
            as {{ revops.type_metric() }}
        ) as metric_value,
        duplicates.person_records - duplicates.persons as numerator,
        duplicates.person_records as denominator,
        cast(null as {{ dbt.type_string() }}) as detail
    from weeks
    left join duplicates
        on weeks.iso_week = duplicates.iso_week
    union all
    select
        iso_week,
        'stale_sources' as metric_key,
        cast(stale_systems as {{ revops.type_metric() }}) as metric_value,
        cast(null as {{ revops.type_metric() }}) as numerator,
        cast(null as {{ revops.type_metric() }}) as denominator,
        stale_table_names as detail
    from stale_counts
    union all
    select
        weeks.iso_week,
        'quarantined_rows' as metric_key,
        cast(coalesce(quarantine_counts.quarantined, 0) as {{ revops.type_metric() }}) as metric_value,
        cast(null as {{ revops.type_metric() }}) as numerator,
        cast(null as {{ revops.type_metric() }}) as denominator,
        cast(null as {{ dbt.type_string() }}) as detail
    from weeks
    left join quarantine_counts
        on weeks.iso_week = quarantine_counts.iso_week
)

select * from final
