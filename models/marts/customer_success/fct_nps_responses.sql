with

nps_responses as (
    select * from {{ ref('int_support__nps_responses') }}
),

final as (
    select
        nps_response_id,
        delighted_person_id,
        person_id,
        account_id,
        score,
        nps_category,
        created_at,
        created_iso_week
    from nps_responses
)

select * from final
