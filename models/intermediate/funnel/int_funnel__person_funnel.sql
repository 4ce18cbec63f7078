{#- The person funnel (fct_person_funnel selects it as it is): stage dates,
    furthest stage, first-touch channel and campaign and the account's
    segment ('Unknown' when missing). Intermediate models (channel economics,
    touches) read it here rather than the mart. -#}
with

person_stages as (
    select * from {{ ref('int_funnel__person_stages') }}
),

accounts as (
    select * from {{ ref('int_identity__accounts') }}
),

final as (
    select
        cast(person_stages.person_id as {{ dbt.type_string() }}) as person_id,
        cast(person_stages.account_id as {{ dbt.type_string() }}) as account_id,
        cast(coalesce(person_stages.first_touch_channel, 'Unknown') as {{ dbt.type_string() }}) as channel,
        cast(person_stages.first_touch_campaign as {{ dbt.type_string() }}) as campaign,
        cast(coalesce(accounts.segment, 'Unknown') as {{ dbt.type_string() }}) as segment,
        cast(person_stages.lead_at as {{ dbt.type_timestamp() }}) as lead_at,
        cast(person_stages.lead_date as date) as lead_date,
        cast(person_stages.mql_date as date) as mql_date,
        cast(person_stages.sql_date as date) as sql_date,
        cast(person_stages.opportunity_date as date) as opportunity_date,
        cast(person_stages.won_date as date) as won_date,
        cast(
            case
                when person_stages.won_date is not null then 'won'
                when person_stages.opportunity_date is not null then 'opportunity'
                when person_stages.sql_date is not null then 'sql'
                when person_stages.mql_date is not null then 'mql'
                when person_stages.lead_date is not null then 'lead'
            end as {{ dbt.type_string() }}
        ) as furthest_stage
    from person_stages
    left join accounts
        on person_stages.account_id = accounts.account_id
)

select * from final
