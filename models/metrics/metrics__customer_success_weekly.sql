-- Customer success metrics per week: tickets_created,
-- median_first_reply_hours, open_tickets, csat and nps.
with

weeks as (
    select * from {{ ref('metrics__weeks') }}
),

tickets as (
    select * from {{ ref('fct_tickets') }}
),

ticket_statuses as (
    select * from {{ ref('fct_ticket_statuses') }}
),

ratings as (
    select * from {{ ref('fct_satisfaction_ratings') }}
),

nps_responses as (
    select * from {{ ref('fct_nps_responses') }}
),

weekly_tickets as (
    select
        created_iso_week as iso_week,
        count(*) as tickets_created,
        {{ revops.median('first_reply_hours') }} as median_first_reply_hours,
        count(first_reply_hours) as replied_tickets
    from tickets
    group by created_iso_week
),

-- The status at week end is the status period containing the last instant
-- before next Monday 00:00; tickets created after week end have no period yet.
open_at_week_end as (
    select
        weeks.iso_week,
        count(distinct ticket_statuses.ticket_id) as open_tickets
    from weeks
    inner join ticket_statuses
        on
            weeks.week_end_at > ticket_statuses.valid_from
            and (ticket_statuses.valid_to is null or weeks.week_end_at <= ticket_statuses.valid_to)
    where ticket_statuses.status in ('new', 'open', 'pending', 'hold')
    group by weeks.iso_week
),

weekly_ratings as (
    select
        created_iso_week as iso_week,
        sum(case when score = 'good' then 1 else 0 end) as good_ratings,
        count(*) as ratings
    from ratings
    where score in ('good', 'bad')
    group by created_iso_week
),

trailing_nps as (
    select
        weeks.iso_week,
        sum(case when nps_responses.nps_category = 'promoter' then 1 else 0 end) as promoters,
        sum(case when nps_responses.nps_category = 'detractor' then 1 else 0 end) as detractors,
        count(*) as responses
    from weeks
    inner join nps_responses
        on
            weeks.week_end_at > nps_responses.created_at
            and {{ dbt.dateadd('day', -84, 'weeks.week_start_date') }} <= nps_responses.created_at
    group by weeks.iso_week
),

by_week as (
    select
        weeks.iso_week,
        coalesce(weekly_tickets.tickets_created, 0) as tickets_created,
        weekly_tickets.median_first_reply_hours,
        coalesce(open_at_week_end.open_tickets, 0) as open_tickets,
        coalesce(weekly_ratings.good_ratings, 0) as good_ratings,
        coalesce(weekly_ratings.ratings, 0) as ratings,
        coalesce(trailing_nps.promoters, 0) - coalesce(trailing_nps.detractors, 0) as nps_net_promoters,
        coalesce(trailing_nps.responses, 0) as nps_responses,
        {{ revops.nps_score('trailing_nps.promoters', 'trailing_nps.detractors', 'trailing_nps.responses') }}
            as nps
    from weeks
    left join weekly_tickets
        on weeks.iso_week = weekly_tickets.iso_week
    left join open_at_week_end
        on weeks.iso_week = open_at_week_end.iso_week
    left join weekly_ratings
        on weeks.iso_week = weekly_ratings.iso_week
    left join trailing_nps
        on weeks.iso_week = trailing_nps.iso_week
),

final as (
    {{ revops.unpivot_metrics('by_week', [
        {'key': 'tickets_created', 'value': 'tickets_created'},
        {'key': 'median_first_reply_hours', 'value': 'median_first_reply_hours'},
        {'key': 'open_tickets', 'value': 'open_tickets'},
        {'key': 'csat', 'numerator': 'good_ratings', 'denominator': 'ratings', 'scale': 100},
        {'key': 'nps', 'value': 'nps', 'numerator': 'nps_net_promoters', 'denominator': 'nps_responses'},
    ]) }}
)

select * from final
