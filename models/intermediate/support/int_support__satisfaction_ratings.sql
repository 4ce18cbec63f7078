{#- CSAT ratings: the latest score of each live rating on a live ticket of
    a non-internal requester; 'offered' and 'unoffered' are not ratings. -#}
with

ratings as (
    select * from {{ ref('stg_zendesk__satisfaction_rating') }}
),

tickets as (
    select * from {{ ref('int_support__tickets') }}
),

final as (
    select
        cast(ratings.satisfaction_rating_id as {{ dbt.type_string() }}) as satisfaction_rating_id,
        cast(ratings.ticket_id as {{ dbt.type_string() }}) as ticket_id,
        cast(tickets.requester_person_id as {{ dbt.type_string() }}) as requester_person_id,
        cast(tickets.account_id as {{ dbt.type_string() }}) as account_id,
        cast(ratings.score_normalized as {{ dbt.type_string() }}) as score,
        cast(ratings.score_normalized = 'good' as {{ dbt.type_boolean() }}) as is_good,
        cast(ratings.created_at as {{ dbt.type_timestamp() }}) as created_at,
        cast({{ revops.iso_week_key('ratings.created_at') }} as {{ dbt.type_string() }}) as created_iso_week
    from ratings
    inner join tickets
        on ratings.ticket_id = tickets.ticket_id
    where
        not ratings.is_deleted
        and ratings.score_normalized in ('good', 'bad')
)

select * from final
