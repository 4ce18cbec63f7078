{#- Every record behind a team's own count, and every unified record a team's
    count misses, with the reason it is or is not in the unified number.
    Reconciliations (metrics spec, "who moved my cheese"):
    - marketing_mqls: HubSpot contacts with an MQL date in the week vs the
      unified `mqls`;
    - sales_new_leads: Salesforce leads created in the week vs the unified
      `new_leads`;
    - bookings_vs_billing: won New Business and Expansion deals closed in the
      week (CRM) vs ARR starts seen on the week's Sunday (billing).
    `side` is 'team' for a record of the team's count and 'unified' for a
    record only the other side has; reason 'counted' (or 'paired') marks
    records both sides agree on. -#}
with

weeks as (
    select * from {{ ref('dim_weeks') }}
),

record_facts as (
    select * from {{ ref('int_identity__person_record_facts') }}
),

person_funnel as (
    select * from {{ ref('fct_person_funnel') }}
),

bookings_vs_billing as (
    select * from {{ ref('fct_bookings_vs_billing') }}
),

-- Marketing: one row per HubSpot contact whose own MQL date is in a week.
mql_rows as (
    select
        weeks.iso_week,
        weeks.week_start_date,
        record_facts.source_record_id as record_id,
        record_facts.mql_at,
        record_facts.is_deleted,
        record_facts.person_id,
        record_facts.match_rule,
        person_funnel.mql_date as person_mql_date,
        cast(record_facts.mql_at as date) as mql_date,
        coalesce(record_facts.is_internal, false) as is_internal
    from record_facts
    inner join weeks
        on cast(record_facts.mql_at as date) between weeks.week_start_date and weeks.week_end_date
    left join person_funnel
        on record_facts.person_id = person_funnel.person_id
    where record_facts.touch_source = 'hubspot_contact'
),

-- The row that carries the person's unified MQL date: the earliest of the
-- person's live rows on that date (ties: lowest id).
mql_rows_ranked as (
    select
        mql_rows.*,
        row_number() over (
            partition by mql_rows.person_id, mql_rows.iso_week
            order by
                case when mql_rows.mql_date = mql_rows.person_mql_date then 0 else 1 end,
                mql_rows.mql_at,
                mql_rows.record_id
        ) as person_week_rank
    from mql_rows
),

mql_reasons as (
    select
        iso_week,
        'marketing_mqls' as reconciliation_key,
        'team' as side,
        'hubspot_contact' as record_type,
        record_id,
        person_id,
        case
            when is_deleted then 'deleted'
            when is_internal then 'internal_or_test'
            when person_mql_date < week_start_date then 'mql_in_earlier_week'
            when person_week_rank = 1 and mql_date = person_mql_date then 'counted'
            when match_rule = 'hubspot_merge' then 'merged_contact'
            else 'duplicate'
        end as reason_key
    from mql_rows_ranked
),

-- Sales: one row per Salesforce lead created in a week.
lead_rows as (
    select
        weeks.iso_week,
        weeks.week_start_date,
        record_facts.source_record_id as record_id,
        record_facts.created_at,
        record_facts.is_deleted,
        record_facts.person_id,
        person_funnel.lead_date as person_lead_date,
        coalesce(record_facts.is_internal, false) as is_internal
    from record_facts
    inner join weeks
        on cast(record_facts.created_at as date) between weeks.week_start_date and weeks.week_end_date
    left join person_funnel
        on record_facts.person_id = person_funnel.person_id
    where record_facts.touch_source = 'salesforce_lead'
),

lead_rows_ranked as (
    select
        lead_rows.*,
        row_number() over (
            partition by lead_rows.person_id, lead_rows.iso_week
            order by lead_rows.is_deleted, lead_rows.created_at, lead_rows.record_id
        ) as person_week_rank
    from lead_rows
),

lead_reasons as (
    select
        iso_week,
        'sales_new_leads' as reconciliation_key,
        'team' as side,
        'salesforce_lead' as record_type,
        record_id,
        person_id,
        case
            when is_deleted then 'deleted'
            when is_internal then 'internal_or_test'
            when person_lead_date < week_start_date then 'already_known'
            when person_week_rank = 1 then 'counted'
            else 'duplicate'
        end as reason_key
    from lead_rows_ranked
),

-- Unified new leads of a week that no counted Salesforce lead represents:
-- first seen in HubSpot or as a contact only.
new_leads_without_salesforce_lead as (
    select
        weeks.iso_week,
        'sales_new_leads' as reconciliation_key,
        'unified' as side,
        'person' as record_type,
        person_funnel.person_id as record_id,
        person_funnel.person_id,
        'not_a_salesforce_lead' as reason_key
    from person_funnel
    inner join weeks
        on person_funnel.lead_date between weeks.week_start_date and weeks.week_end_date
    left join lead_reasons
        on
            weeks.iso_week = lead_reasons.iso_week
            and person_funnel.person_id = lead_reasons.person_id
            and lead_reasons.reason_key = 'counted'
    where lead_reasons.record_id is null
),

-- Bookings vs billing. A pair is an ARR start and the deal it was matched to
-- (each start names at most one deal).
won_deals as (
    select
        weeks.iso_week,
        bookings_vs_billing.record_id,
        bookings_vs_billing.account_id,
        bookings_vs_billing.match_status,
        bookings_vs_billing.matched_movement_type
    from bookings_vs_billing
    inner join weeks
        on bookings_vs_billing.event_date between weeks.week_start_date and weeks.week_end_date
    where bookings_vs_billing.record_type = 'won_deal'
),

arr_starts as (
    select
        weeks.iso_week,
        bookings_vs_billing.record_id,
        bookings_vs_billing.account_id,
        bookings_vs_billing.match_status,
        bookings_vs_billing.matched_opportunity_id
    from bookings_vs_billing
    inner join weeks
        on bookings_vs_billing.event_date between weeks.week_start_date and weeks.week_end_date
    where bookings_vs_billing.record_type = 'arr_start'
),

pairs as (
    select
        won_deals.iso_week as deal_week,
        won_deals.record_id as opportunity_id,
        arr_starts.iso_week as start_week,
        arr_starts.record_id as start_id
    from arr_starts
    inner join won_deals
        on arr_starts.matched_opportunity_id = won_deals.record_id
),

deal_pairs as (
    select
        opportunity_id,
        count(*) as paired_starts,
        sum(case when start_week = deal_week then 1 else 0 end) as paired_starts_same_week
    from pairs
    group by opportunity_id
),

deal_reasons as (
    select
        won_deals.iso_week,
        'bookings_vs_billing' as reconciliation_key,
        'team' as side,
        'won_deal' as record_type,
        won_deals.record_id,
        won_deals.account_id as person_id,
        case
            when deal_pairs.opportunity_id is null and won_deals.match_status = 'not_yet_billed'
                then 'won_not_yet_billed'
            when deal_pairs.opportunity_id is null and won_deals.matched_movement_type = 'expansion'
                then 'won_billed_as_expansion'
            when deal_pairs.opportunity_id is null then 'arr_start_credited_to_another_deal'
            when deal_pairs.paired_starts_same_week = 0 then 'billed_in_another_week'
            else 'paired'
        end as reason_key
    from won_deals
    left join deal_pairs
        on won_deals.record_id = deal_pairs.opportunity_id
),

-- An ARR start is 'paired' when its deal closed the same week and it is the
-- first start of that deal in the week; further starts of the same deal in
-- the week are extra.
start_reasons as (
    select
        arr_starts.iso_week,
        'bookings_vs_billing' as reconciliation_key,
        'unified' as side,
        'arr_start' as record_type,
        arr_starts.record_id,
        arr_starts.account_id as person_id,
        case
            when pairs.opportunity_id is null then 'arr_start_without_won_deal'
            when pairs.deal_week <> arr_starts.iso_week then 'deal_won_in_another_week'
            when
                row_number() over (
                    partition by pairs.opportunity_id, arr_starts.iso_week order by arr_starts.record_id
                ) > 1
                then 'extra_arr_start_for_one_deal'
            else 'paired'
        end as reason_key
    from arr_starts
    left join pairs
        on arr_starts.record_id = pairs.start_id
),

unioned as (
    select * from mql_reasons
    union all
    select * from lead_reasons
    union all
    select * from new_leads_without_salesforce_lead
    union all
    select * from deal_reasons
    union all
    select * from start_reasons
),

final as (
    select
        cast(iso_week as {{ dbt.type_string() }}) as iso_week,
        cast(reconciliation_key as {{ dbt.type_string() }}) as reconciliation_key,
        cast(side as {{ dbt.type_string() }}) as side,
        cast(record_type as {{ dbt.type_string() }}) as record_type,
        cast(record_id as {{ dbt.type_string() }}) as record_id,
        cast(person_id as {{ dbt.type_string() }}) as person_or_account_id,
        cast(reason_key as {{ dbt.type_string() }}) as reason_key
    from unioned
)

select * from final
