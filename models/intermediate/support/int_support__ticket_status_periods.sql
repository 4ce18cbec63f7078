{#- Each ticket's status over time, as half-open periods [valid_from,
    valid_to), so the status at any week end is the period containing
    week_end_at - epsilon: valid_from < week_end_at <= valid_to. Before the
    first status row the ticket was 'new'; a ticket without status rows has
    its current status from creation on (metrics spec, Customer success). -#}
with

tickets as (
    select * from {{ ref('int_support__tickets') }}
),

field_history as (
    select * from {{ ref('stg_zendesk__ticket_field_history') }}
),

status_rows as (
    select
        field_history.ticket_id,
        field_history.updated_at as valid_from,
        field_history.field_value_normalized as status
    from field_history
    inner join tickets
        on field_history.ticket_id = tickets.ticket_id
    where
        not field_history.is_deleted
        and lower(trim(field_history.field_name)) = 'status'
),

first_rows as (
    select
        ticket_id,
        min(valid_from) as first_status_at
    from status_rows
    group by ticket_id
),

leading_new as (
    -- status rows exist but the first comes after creation: 'new' until then
    select
        tickets.ticket_id,
        tickets.created_at as valid_from,
        'new' as status
    from tickets
    inner join first_rows
        on tickets.ticket_id = first_rows.ticket_id
    where first_rows.first_status_at > tickets.created_at
),

without_history as (
    select
        tickets.ticket_id,
        tickets.created_at as valid_from,
        tickets.current_status as status
    from tickets
    left join first_rows
        on tickets.ticket_id = first_rows.ticket_id
    where first_rows.ticket_id is null
),

unioned as (
    select * from status_rows
    union all
    select * from leading_new
    union all
    select * from without_history
),

final as (
    select
        ticket_id,
        status,
        valid_from,
        lead(valid_from) over (partition by ticket_id order by valid_from) as valid_to,
        status in ('new', 'open', 'pending', 'hold') as is_unsolved
    from unioned
)

select * from final
