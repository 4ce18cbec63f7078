{#- Health score 0-100 = the sum of six visible components (points):
    nps (20): account NPS over 13 weeks >= 50 -> 20, >= 0 -> 10, below -> 0;
    csat (20): good share over 13 weeks >= 90 % -> 20, >= 70 % -> 10, below -> 0;
    ticket_load (15): tickets created in 13 weeks <= 3 -> 15, <= 8 -> 8, more -> 0;
    arr_trend (20): ARR vs 13 weeks earlier up -> 20, flat -> 15, down -> 0;
    delinquency (15): no open invoice past its due date -> 15, else 0;
    seat_change (10): seats vs 13 weeks earlier not down -> 10, down -> 0.
    No signal (no responses, no ratings, under 13 weeks of history) scores
    the middle: nps 10, csat 10, arr_trend 15, seat_change 10. -#}
with

account_arr as (
    select * from {{ ref('int_revenue__account_arr_weekly') }}
),

activity as (
    select * from {{ ref('int_support__account_activity_weekly') }}
),

signals as (
    select
        account_arr.account_id,
        account_arr.iso_week,
        account_arr.week_end_date,
        account_arr.arr,
        account_arr.arr_13_weeks_ago,
        account_arr.seats,
        account_arr.seats_13_weeks_ago,
        activity.tickets_13w,
        activity.open_tickets,
        activity.csat_good_13w,
        activity.csat_ratings_13w,
        activity.promoters_13w,
        activity.detractors_13w,
        activity.nps_responses_13w,
        activity.overdue_invoices,
        {{ revops.nps_score('activity.promoters_13w', 'activity.detractors_13w', 'activity.nps_responses_13w') }}
            as nps_13w,
        {{ revops.safe_ratio('activity.csat_good_13w', 'activity.csat_ratings_13w', 100) }} as csat_13w
    from account_arr
    inner join activity
        on
            account_arr.account_id = activity.account_id
            and account_arr.iso_week = activity.iso_week
    where account_arr.arr > 0
),

components as (
    select
        *,
        case when nps_13w is null then 10 when nps_13w >= 50 then 20 when nps_13w >= 0 then 10 else 0 end
            as nps_points,
        case when csat_13w is null then 10 when csat_13w >= 90 then 20 when csat_13w >= 70 then 10 else 0 end
            as csat_points,
        case when tickets_13w <= 3 then 15 when tickets_13w <= 8 then 8 else 0 end as ticket_load_points,
        case
            when arr_13_weeks_ago is null then 15
            when arr > arr_13_weeks_ago then 20
            when arr = arr_13_weeks_ago then 15
            else 0
        end as arr_trend_points,
        case when overdue_invoices > 0 then 0 else 15 end as delinquency_points,
        case when seats_13_weeks_ago is null or seats >= seats_13_weeks_ago then 10 else 0 end as seat_change_points
    from signals
),

scored as (
    select
        *,
        nps_points + csat_points + ticket_load_points + arr_trend_points + delinquency_points + seat_change_points
            as health_score
    from components
),

final as (
    select
        cast(account_id as {{ dbt.type_string() }}) as account_id,
        cast(iso_week as {{ dbt.type_string() }}) as iso_week,
        cast(week_end_date as date) as week_end_date,
        cast(arr as {{ revops.type_money() }}) as arr,
        cast(arr_13_weeks_ago as {{ revops.type_money() }}) as arr_13_weeks_ago,
        cast(seats as {{ dbt.type_bigint() }}) as seats,
        cast(seats_13_weeks_ago as {{ dbt.type_bigint() }}) as seats_13_weeks_ago,
        cast(tickets_13w as {{ dbt.type_bigint() }}) as tickets_13w,
        cast(open_tickets as {{ dbt.type_bigint() }}) as open_tickets,
        cast(csat_ratings_13w as {{ dbt.type_bigint() }}) as csat_ratings_13w,
        cast(csat_13w as {{ revops.type_ratio() }}) as csat_13w,
        cast(nps_responses_13w as {{ dbt.type_bigint() }}) as nps_responses_13w,
        cast(nps_13w as {{ revops.type_ratio() }}) as nps_13w,
        cast(overdue_invoices as {{ dbt.type_bigint() }}) as overdue_invoices,
        cast(nps_points as integer) as nps_points,
        cast(csat_points as integer) as csat_points,
        cast(ticket_load_points as integer) as ticket_load_points,
        cast(arr_trend_points as integer) as arr_trend_points,
        cast(delinquency_points as integer) as delinquency_points,
        cast(seat_change_points as integer) as seat_change_points,
        cast(health_score as integer) as health_score,
        cast(
            case
                when health_score < {{ var('health_high_risk_below') }} then 'high'
                when health_score < {{ var('health_medium_risk_below') }} then 'medium'
                else 'low'
            end as {{ dbt.type_string() }}
        ) as churn_risk,
        cast(
            case when health_score < {{ var('health_medium_risk_below') }} then arr else 0 end
            as {{ revops.type_money() }}
        ) as arr_at_risk
    from scored
)

select * from final
