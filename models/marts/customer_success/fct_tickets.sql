with

tickets as (
    select * from {{ ref('int_support__tickets') }}
),

final as (
    select
        cast(ticket_id as {{ dbt.type_string() }}) as ticket_id,
        cast(requester_id as {{ dbt.type_string() }}) as requester_id,
        cast(requester_person_id as {{ dbt.type_string() }}) as requester_person_id,
        cast(account_id as {{ dbt.type_string() }}) as account_id,
        cast(channel as {{ dbt.type_string() }}) as channel,
        cast(priority as {{ dbt.type_string() }}) as priority,
        cast(ticket_type as {{ dbt.type_string() }}) as ticket_type,
        cast(current_status as {{ dbt.type_string() }}) as current_status,
        cast(created_at as {{ dbt.type_timestamp() }}) as created_at,
        cast({{ revops.iso_week_key('created_at') }} as {{ dbt.type_string() }}) as created_iso_week,
        cast(first_reply_at as {{ dbt.type_timestamp() }}) as first_reply_at,
        cast(first_reply_hours as {{ revops.type_ratio() }}) as first_reply_hours,
        cast(first_solved_at as {{ dbt.type_timestamp() }}) as first_solved_at,
        cast(last_solved_at as {{ dbt.type_timestamp() }}) as last_solved_at,
        cast(is_reopened as {{ dbt.type_boolean() }}) as is_reopened
    from tickets
)

select * from final
