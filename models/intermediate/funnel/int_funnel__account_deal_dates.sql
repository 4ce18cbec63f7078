{#- One row per account with a live New Business opportunity: when its
    first New Business opportunity was created and the close date of its
    first won one (metrics spec: opportunity and won stage dates). -#}
with

opportunities as (
    select * from {{ ref('int_sales__opportunities') }}
),

final as (
    select
        account_id,
        min(created_at) as first_opportunity_at,
        min(created_date) as first_opportunity_date,
        min(case when is_won then close_date end) as first_won_date
    from opportunities
    where is_new_business
        and account_id is not null
    group by account_id
)

select * from final
