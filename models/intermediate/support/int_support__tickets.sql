{#- Live Zendesk tickets of non-internal requesters with requester person
    and account, first public agent/admin reply (metrics spec, Customer
    success) and solved times from the status history. -#}
with

tickets as (
    select * from {{ ref('stg_zendesk__ticket') }}
),

comments as (
    select * from {{ ref('stg_zendesk__ticket_comment') }}
),

users as (
    select * from {{ ref('stg_zendesk__user') }}
),

field_history as (
    select * from {{ ref('stg_zendesk__ticket_field_history') }}
),

person_records as (
    select * from {{ ref('int_identity__person_components') }}
),

person_accounts as (
    select * from {{ ref('int_identity__person_accounts') }}
),

account_records as (
    select * from {{ ref('int_identity__account_record_matches') }}
),

live_tickets as (
    select
        tickets.*,
        person_records.person_id as requester_person_id,
        coalesce(person_records.is_internal, false) or coalesce(users.is_internal, false) as is_internal_requester
    from tickets
    left join users
        on tickets.requester_id = users.zendesk_user_id
    left join person_records
        on
            person_records.source_system = 'zendesk'
            and person_records.source_table = 'user'
            and tickets.requester_id = person_records.source_record_id
    where not tickets.is_deleted
),

live_comments as (
    select
        comments.ticket_comment_id,
        comments.ticket_id,
        comments.created_at,
        comments.is_public,
        users.user_role_normalized,
        -- the opening comment: earliest live comment, public or not, ties lowest id
        row_number() over (
            partition by comments.ticket_id
            order by comments.created_at asc, comments.ticket_comment_id asc
        ) as comment_rank
    from comments
    left join users
        on comments.zendesk_user_id = users.zendesk_user_id
    where not comments.is_deleted
),

first_replies as (
    select
        live_comments.ticket_id,
        min(live_comments.created_at) as first_reply_at
    from live_comments
    inner join live_tickets
        on live_comments.ticket_id = live_tickets.ticket_id
    where
        live_comments.comment_rank > 1
        and live_comments.is_public
        and live_comments.user_role_normalized in ('agent', 'admin')
        and live_comments.created_at >= live_tickets.created_at
    group by live_comments.ticket_id
),

reply_times as (
    select
        first_replies.ticket_id,
        first_replies.first_reply_at,
        live_tickets.created_at
    from first_replies
    inner join live_tickets
        on first_replies.ticket_id = live_tickets.ticket_id
),

reply_hours as (
    select
        ticket_id,
        first_reply_at,
        {{ dbt.datediff('created_at', 'first_reply_at', 'second') }}
        / 3600.0 as first_reply_hours
    from reply_times
),

status_rows as (
    select
        ticket_id,
        updated_at,
        field_value_normalized as status
    from field_history
    where
        not is_deleted
        and lower(trim(field_name)) = 'status'
),

solved_times as (
    select
        ticket_id,
        min(case when status = 'solved' then updated_at end) as first_solved_at,
        max(case when status = 'solved' then updated_at end) as last_solved_at
    from status_rows
    group by ticket_id
),

reopened as (
    -- an unsolved status after the first solve
    select distinct status_rows.ticket_id
    from status_rows
    inner join solved_times
        on status_rows.ticket_id = solved_times.ticket_id
    where
        status_rows.status in ('new', 'open', 'pending', 'hold')
        and status_rows.updated_at > solved_times.first_solved_at
),

final as (
    select
        live_tickets.ticket_id,
        live_tickets.requester_id,
        live_tickets.requester_person_id,
        live_tickets.is_internal_requester,
        live_tickets.via_channel as channel,
        live_tickets.priority,
        live_tickets.ticket_type,
        live_tickets.status_normalized as current_status,
        live_tickets.created_at,
        reply_hours.first_reply_at,
        reply_hours.first_reply_hours,
        solved_times.first_solved_at,
        solved_times.last_solved_at,
        coalesce(person_accounts.account_id, account_records.account_id) as account_id,
        reopened.ticket_id is not null as is_reopened
    from live_tickets
    left join person_accounts
        on live_tickets.requester_person_id = person_accounts.person_id
    left join account_records
        on
            account_records.source_system = 'zendesk'
            and account_records.source_table = 'organization'
            and live_tickets.zendesk_organization_id = account_records.source_record_id
    left join reply_hours
        on live_tickets.ticket_id = reply_hours.ticket_id
    left join solved_times
        on live_tickets.ticket_id = solved_times.ticket_id
    left join reopened
        on live_tickets.ticket_id = reopened.ticket_id
    where not live_tickets.is_internal_requester
)

select * from final
