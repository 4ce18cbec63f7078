{#- Per account and reporting week (the rows of int_revenue__account_arr_weekly):
    the customer-success signals of the trailing 13 weeks (W-12..W, the 91
    days before week end) and the state at week end. Every signal is one
    revops.window_aggregate over the account's weeks. -#}

with

account_weeks as (
    select * from {{ ref('int_revenue__account_arr_weekly') }}
),

weeks as (
    select * from {{ ref('int_revenue__weeks') }}
),

tickets as (
    select * from {{ ref('int_support__tickets') }}
),

status_periods as (
    select * from {{ ref('int_support__ticket_status_periods') }}
),

ratings as (
    select * from {{ ref('int_support__satisfaction_ratings') }}
),

responses as (
    select * from {{ ref('int_support__nps_responses') }}
),

subscription_lines as (
    select * from {{ ref('int_revenue__subscription_lines') }}
),

invoices as (
    select * from {{ ref('stg_stripe__invoice') }}
),

windows as (
    select
        account_weeks.account_id,
        account_weeks.iso_week,
        weeks.week_end_at,
        {{ dbt.dateadd('day', -91, 'weeks.week_end_at') }} as window_start_at
    from account_weeks
    inner join weeks
        on account_weeks.iso_week = weeks.iso_week
),

ticket_counts as (
    {{ revops.window_aggregate('tickets', {'tickets_13w': 'count(*)'}) }}
),

unsolved_ticket_periods as (
    -- each unsolved status period of a ticket, with the ticket's account
    select
        tickets.account_id,
        tickets.created_at,
        status_periods.valid_from,
        status_periods.valid_to
    from tickets
    inner join status_periods
        on tickets.ticket_id = status_periods.ticket_id
    where status_periods.is_unsolved
),

-- tickets created by week end whose status period holding the week end is unsolved
open_ticket_counts as (
    {{ revops.window_aggregate(
        'unsolved_ticket_periods',
        {'open_tickets': 'count(*)'},
        trailing=false,
        conditions=[
            'windows.week_end_at > unsolved_ticket_periods.valid_from',
            '(unsolved_ticket_periods.valid_to is null or windows.week_end_at <= unsolved_ticket_periods.valid_to)',
        ],
    ) }}
),

rating_counts as (
    {{ revops.window_aggregate('ratings', {
        'csat_good_13w': 'sum(case when ratings.is_good then 1 else 0 end)',
        'csat_ratings_13w': 'count(*)',
    }) }}
),

nps_counts as (
    {{ revops.window_aggregate('responses', {
        'promoters_13w': "sum(case when responses.nps_category = 'promoter' then 1 else 0 end)",
        'detractors_13w': "sum(case when responses.nps_category = 'detractor' then 1 else 0 end)",
        'nps_responses_13w': 'count(*)',
    }) }}
),

account_invoices as (
    -- the invoices of the account's customers (one customer, many lines)
    select distinct
        subscription_lines.account_id,
        invoices.invoice_id,
        invoices.created_at,
        invoices.due_at
    from subscription_lines
    inner join invoices
        on subscription_lines.invoice_id = invoices.invoice_id
    where invoices.status_normalized = 'open'
),

-- an invoice still open in the latest load, issued and due before week end
overdue as (
    {{ revops.window_aggregate(
        'account_invoices',
        {'overdue_invoices': 'count(*)'},
        trailing=false,
        conditions=['windows.week_end_at > account_invoices.due_at'],
    ) }}
),

final as (
    select
        windows.account_id,
        windows.iso_week,
        coalesce(ticket_counts.tickets_13w, 0) as tickets_13w,
        coalesce(open_ticket_counts.open_tickets, 0) as open_tickets,
        coalesce(rating_counts.csat_good_13w, 0) as csat_good_13w,
        coalesce(rating_counts.csat_ratings_13w, 0) as csat_ratings_13w,
        coalesce(nps_counts.promoters_13w, 0) as promoters_13w,
        coalesce(nps_counts.detractors_13w, 0) as detractors_13w,
        coalesce(nps_counts.nps_responses_13w, 0) as nps_responses_13w,
        coalesce(overdue.overdue_invoices, 0) as overdue_invoices
    from windows
    left join ticket_counts
        on windows.account_id = ticket_counts.account_id and windows.iso_week = ticket_counts.iso_week
    left join open_ticket_counts
        on windows.account_id = open_ticket_counts.account_id and windows.iso_week = open_ticket_counts.iso_week
    left join rating_counts
        on windows.account_id = rating_counts.account_id and windows.iso_week = rating_counts.iso_week
    left join nps_counts
        on windows.account_id = nps_counts.account_id and windows.iso_week = nps_counts.iso_week
    left join overdue
        on windows.account_id = overdue.account_id and windows.iso_week = overdue.iso_week
)

select * from final
