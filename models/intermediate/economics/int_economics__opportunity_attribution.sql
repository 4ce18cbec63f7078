{#- One row per live New Business opportunity of a non-internal account: its
    channel under each attribution model. First touch: the account's
    first-touch channel (int_identity__accounts: its first person's first
    touch). Last touch: the channel of the latest touch of any of the
    account's persons strictly before the opportunity was created (ties: the
    greater touch key); without one, the first-touch channel. No channel at
    all is 'Unknown'. -#}
with

opportunities as (
    select * from {{ ref('int_sales__opportunities_enriched') }}
),

accounts as (
    select * from {{ ref('int_identity__accounts') }}
),

touches as (
    select * from {{ ref('int_economics__person_touches') }}
),

new_business as (
    select
        opportunities.opportunity_id,
        opportunities.account_id,
        opportunities.created_at,
        accounts.first_touch_channel
    from opportunities
    left join accounts
        on opportunities.account_id = accounts.account_id
    where opportunities.is_new_business
),

touches_before_creation as (
    select
        new_business.opportunity_id,
        touches.channel,
        touches.touched_at,
        touches.touch_source,
        row_number() over (
            partition by new_business.opportunity_id
            order by touches.touched_at desc, touches.touch_key desc
        ) as touch_rank
    from new_business
    inner join touches
        on new_business.account_id = touches.account_id
            and new_business.created_at > touches.touched_at
),

last_touches as (
    select * from touches_before_creation
    where touch_rank = 1
),

final as (
    select
        new_business.opportunity_id,
        new_business.account_id,
        new_business.created_at,
        last_touches.touched_at as last_touch_at,
        last_touches.touch_source as last_touch_source,
        coalesce(new_business.first_touch_channel, 'Unknown') as first_touch_channel,
        coalesce(last_touches.channel, new_business.first_touch_channel, 'Unknown') as last_touch_channel
    from new_business
    left join last_touches
        on new_business.opportunity_id = last_touches.opportunity_id
)

select * from final
