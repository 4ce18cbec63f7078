{#- Per account and reporting week (the rows of int_revenue__account_arr_weekly):
    the customer-success signals of the trailing 13 weeks (W-12..W, the 91
    days before week end) and the state at week end. -#}
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
    select
        windows.account_id,
        windows.iso_week,
        count(*) as tickets_13w
    from windows
    inner join tickets
        on
            windows.account_id = tickets.account_id
            and windows.window_start_at <= tickets.created_at
            and windows.week_end_at > tickets.created_at
    group by windows.account_id, windows.iso_week
),

open_ticket_counts as (
    select
        windows.account_id,
        windows.iso_week,
        count(*) as open_tickets
    from windows
    inner join tickets
        on
            windows.account_id = tickets.account_id
            and windows.week_end_at > tickets.created_at
    inner join status_periods
        on
            tickets.ticket_id = status_periods.ticket_id
            and windows.week_end_at > status_periods.valid_from
            and (status_periods.valid_to is null or windows.week_end_at <= status_periods.valid_to)
    where status_periods.is_unsolved
    group by windows.account_id, windows.iso_week
),

rating_counts as (
    select
        windows.account_id,
        windows.iso_week,
        sum(case when ratings.is_good then 1 else 0 end) as csat_good_13w,
        count(*) as csat_ratings_13w
    from windows
    inner join ratings
        on
            windows.account_id = ratings.account_id
            and windows.window_start_at <= ratings.created_at
            and windows.week_end_at > ratings.created_at
    group by windows.account_id, windows.iso_week
),

nps_counts as (
    select
        windows.account_id,
        windows.iso_week,
        sum(case when responses.nps_category = 'promoter' then 1 else 0 end) as promoters_13w,
        sum(case when responses.nps_category = 'detractor' then 1 else 0 end) as detractors_13w,
        count(*) as nps_responses_13w
    from windows
    inner join responses
        on
            windows.account_id = responses.account_id
            and windows.window_start_at <= responses.created_at
            and windows.week_end_at > responses.created_at
    group by windows.account_id, windows.iso_week
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

overdue as (
    -- an invoice still open in the latest load, issued and due before week end
    select
        windows.account_id,
        windows.iso_week,
        count(*) as overdue_invoices
    from windows
    inner join account_invoices
        on
            windows.account_id = account_invoices.account_id
            and windows.week_end_at > account_invoices.created_at
            and windows.week_end_at > account_invoices.due_at
    group by windows.account_id, windows.iso_week
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
