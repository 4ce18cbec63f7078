{#- One row per attribution model and funnel or revenue event, with the
    channel and segment it is credited to and its contribution to each
    economics measure (the rest zero). Events: a person's lead, MQL and SQL
    dates (int_funnel__person_funnel: their first-touch channel under both
    models, as these come before any opportunity); a New Business
    opportunity's creation (count and pipeline created: amount at creation)
    and its win (bookings at the close date); an account's first won New
    Business deal (a customer won); an account's new ARR
    (int_revenue__arr_movements 'new') with its ARR 52 weeks (364 days)
    later when the revenue weeks reach that far (the 12-month cohort). Deals
    and revenue are credited as int_attribution__channels attributes them:
    to the account's first-touch channel (first_touch), or to the last touch
    before the opportunity's creation (last_touch; an account's revenue to
    the last touch of its first won New Business deal). Missing channel or
    segment: 'Unknown'. -#}
{%- set attribution_models = ['first_touch', 'last_touch'] -%}

with

persons as (
    select * from {{ ref('int_funnel__person_funnel') }}
),

opportunities as (
    select * from {{ ref('int_sales__opportunities_enriched') }}
),

opportunity_attribution as (
    select * from {{ ref('int_attribution__channels') }}
    where subject_type = 'opportunity'
),

account_attribution as (
    select * from {{ ref('int_attribution__channels') }}
    where subject_type = 'account'
),

accounts as (
    select * from {{ ref('int_identity__accounts') }}
),

arr_movements as (
    select * from {{ ref('int_revenue__arr_movements') }}
),

account_arr as (
    select * from {{ ref('int_revenue__account_arr_weekly') }}
),

new_business as (
    select
        opportunities.opportunity_id,
        opportunities.account_id,
        opportunities.created_date,
        opportunities.close_date,
        opportunities.is_won,
        opportunities.amount_reporting,
        opportunities.amount_at_creation_reporting,
        coalesce(opportunity_attribution.first_touch_channel, 'Unknown') as first_touch_channel,
        coalesce(opportunity_attribution.last_touch_channel, 'Unknown') as last_touch_channel,
        coalesce(opportunities.segment, 'Unknown') as segment
    from opportunities
    left join opportunity_attribution
        on opportunities.opportunity_id = opportunity_attribution.subject_id
    where opportunities.is_new_business
),

-- the deal that made the account a customer: its first won New Business deal
acquisition_deals as (
    select *
    from (
        select
            new_business.*,
            row_number() over (
                partition by new_business.account_id
                order by new_business.close_date asc, new_business.opportunity_id asc
            ) as deal_rank
        from new_business
        where new_business.is_won
            and new_business.account_id is not null
    ) as ranked
    where deal_rank = 1
),

account_channels as (
    select
        accounts.account_id,
        coalesce(accounts.segment, 'Unknown') as segment,
        coalesce(account_attribution.first_touch_channel, 'Unknown') as first_touch_channel,
        coalesce(acquisition_deals.last_touch_channel, account_attribution.first_touch_channel, 'Unknown')
            as last_touch_channel
    from accounts
    left join account_attribution
        on accounts.account_id = account_attribution.subject_id
    left join acquisition_deals
        on accounts.account_id = acquisition_deals.account_id
),

new_arr_starts as (
    select
        arr_movements.account_id,
        arr_movements.week_end_date,
        arr_movements.new_arr,
        twelve_months_later.arr as arr_12m
    from arr_movements
    left join account_arr as twelve_months_later
        on arr_movements.account_id = twelve_months_later.account_id
            and twelve_months_later.week_end_date = {{ dbt.dateadd('day', 364, 'arr_movements.week_end_date') }}
    where arr_movements.movement_type = 'new'
),

events as (
    {%- for model in attribution_models %}
        select
            '{{ model }}' as attribution_model,
            lead_date as event_date,
            channel,
            segment,
            {{ revops.economics_event_columns({'leads': '1'}) }}
        from persons
        where lead_date is not null

        union all

        select
            '{{ model }}' as attribution_model,
            mql_date as event_date,
            channel,
            segment,
            {{ revops.economics_event_columns({'mqls': '1'}) }}
        from persons
        where mql_date is not null

        union all

        select
            '{{ model }}' as attribution_model,
            sql_date as event_date,
            channel,
            segment,
            {{ revops.economics_event_columns({'sqls': '1'}) }}
        from persons
        where sql_date is not null

        union all

        select
            '{{ model }}' as attribution_model,
            created_date as event_date,
            {{ model }}_channel as channel,
            segment,
            {{ revops.economics_event_columns({
                'opportunities': '1',
                'pipeline_created': 'coalesce(amount_at_creation_reporting, 0)'
            }) }}
        from new_business

        union all

        select
            '{{ model }}' as attribution_model,
            close_date as event_date,
            {{ model }}_channel as channel,
            segment,
            {{ revops.economics_event_columns({'bookings': 'coalesce(amount_reporting, 0)'}) }}
        from new_business
        where is_won

        union all

        select
            '{{ model }}' as attribution_model,
            acquisition_deals.close_date as event_date,
            account_channels.{{ model }}_channel as channel,
            account_channels.segment,
            {{ revops.economics_event_columns({'customers_won': '1'}) }}
        from acquisition_deals
        inner join account_channels
            on acquisition_deals.account_id = account_channels.account_id

        union all

        select
            '{{ model }}' as attribution_model,
            new_arr_starts.week_end_date as event_date,
            coalesce(account_channels.{{ model }}_channel, 'Unknown') as channel,
            coalesce(account_channels.segment, 'Unknown') as segment,
            {{ revops.economics_event_columns({
                'new_arr': 'new_arr_starts.new_arr',
                'new_arr_accounts': '1',
                'cohort_matured_accounts': 'case when new_arr_starts.arr_12m is not null then 1 else 0 end',
                'cohort_starting_arr': 'case when new_arr_starts.arr_12m is not null then new_arr_starts.new_arr else 0 end',
                'cohort_arr_12m': 'case when new_arr_starts.arr_12m > 0 then new_arr_starts.arr_12m else 0 end'
            }) }}
        from new_arr_starts
        left join account_channels
            on new_arr_starts.account_id = account_channels.account_id
        {{ "union all" if not loop.last }}
    {%- endfor %}
),

final as (
    select * from events
    where event_date is not null
)

select * from final
