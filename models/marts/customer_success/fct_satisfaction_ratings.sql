with

satisfaction_ratings as (
    select * from {{ ref('int_support__satisfaction_ratings') }}
),

final as (
    select
        satisfaction_rating_id,
        ticket_id,
        requester_person_id,
        account_id,
        score,
        is_good,
        created_at,
        created_iso_week
    from satisfaction_ratings
)

select * from final
