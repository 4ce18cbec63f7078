{#- Bookings against billing, both directions. A change of ARR is seen on
    a Sunday S and happened in the week ending S, so it is "within 30 days
    after a close" when that week overlaps [close date, close date + 30]:
    close_date <= S <= close_date + 36. -#}
with

deals as (
    select * from {{ ref('int_revenue__won_deals') }}
),

movements as (
    select * from {{ ref('fct_arr_movements') }}
),

arr_increases as (
    select
        account_id,
        iso_week,
        week_end_date,
        movement_type,
        arr - previous_arr as arr_change
    from movements
    where movement_type in ('new', 'reactivation', 'expansion')
),

deal_candidates as (
    select
        deals.opportunity_id,
        arr_increases.iso_week,
        arr_increases.movement_type,
        arr_increases.arr_change,
        row_number() over (
            partition by deals.opportunity_id
            order by arr_increases.week_end_date
        ) as candidate_rank
    from deals
    inner join arr_increases
        on
            deals.account_id = arr_increases.account_id
            and deals.close_date <= arr_increases.week_end_date
            and arr_increases.week_end_date <= {{ dbt.dateadd('day', 36, 'deals.close_date') }}
),

deal_rows as (
    select
        'won_deal' as record_type,
        deals.opportunity_id as record_id,
        deals.account_id,
        deals.close_date as event_date,
        deals.opportunity_type_normalized as event_type,
        deals.booking_amount as amount,
        deal_candidates.iso_week as matched_iso_week,
        deals.opportunity_id as matched_opportunity_id,
        deal_candidates.movement_type as matched_movement_type,
        deal_candidates.arr_change as matched_arr_change,
        case when deal_candidates.opportunity_id is null then 'not_yet_billed' else 'matched' end as match_status
    from deals
    left join deal_candidates
        on
            deals.opportunity_id = deal_candidates.opportunity_id
            and deal_candidates.candidate_rank = 1
),

arr_starts as (
    select * from arr_increases
    where movement_type in ('new', 'reactivation')
),

start_candidates as (
    select
        arr_starts.account_id,
        arr_starts.iso_week,
        deals.opportunity_id,
        row_number() over (
            partition by arr_starts.account_id, arr_starts.iso_week
            order by deals.close_date desc, deals.opportunity_id asc
        ) as candidate_rank
    from arr_starts
    inner join deals
        on
            arr_starts.account_id = deals.account_id
            and arr_starts.week_end_date >= deals.close_date
            and arr_starts.week_end_date <= {{ dbt.dateadd('day', 36, 'deals.close_date') }}
),

start_rows as (
    select
        'arr_start' as record_type,
        {{ dbt.concat(["arr_starts.account_id", "'|'", "arr_starts.iso_week"]) }} as record_id,
        arr_starts.account_id,
        arr_starts.week_end_date as event_date,
        arr_starts.movement_type as event_type,
        arr_starts.arr_change as amount,
        arr_starts.iso_week as matched_iso_week,
        start_candidates.opportunity_id as matched_opportunity_id,
        arr_starts.movement_type as matched_movement_type,
        arr_starts.arr_change as matched_arr_change,
        case when start_candidates.opportunity_id is null then 'no_won_deal' else 'matched' end as match_status
    from arr_starts
    left join start_candidates
        on
            arr_starts.account_id = start_candidates.account_id
            and arr_starts.iso_week = start_candidates.iso_week
            and start_candidates.candidate_rank = 1
),

unioned as (
    select * from deal_rows
    union all
    select * from start_rows
),

final as (
    select
        cast(record_type as {{ dbt.type_string() }}) as record_type,
        cast(record_id as {{ dbt.type_string() }}) as record_id,
        cast(account_id as {{ dbt.type_string() }}) as account_id,
        cast(event_date as date) as event_date,
        cast(event_type as {{ dbt.type_string() }}) as event_type,
        cast(amount as {{ revops.type_money() }}) as amount,
        cast(match_status as {{ dbt.type_string() }}) as match_status,
        cast(case when match_status = 'matched' then matched_opportunity_id end as {{ dbt.type_string() }})
            as matched_opportunity_id,
        cast(case when match_status = 'matched' then matched_iso_week end as {{ dbt.type_string() }})
            as matched_iso_week,
        cast(case when match_status = 'matched' then matched_movement_type end as {{ dbt.type_string() }})
            as matched_movement_type,
        cast(case when match_status = 'matched' then matched_arr_change end as {{ revops.type_money() }})
            as matched_arr_change
    from unioned
)

select * from final
