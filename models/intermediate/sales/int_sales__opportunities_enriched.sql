{#- One row per live opportunity of a non-internal account, with what
    fct_opportunities shows (it selects these columns as they are, and its
    channel from int_attribution__channels): owner, campaign, segment,
    outcome, fiscal close quarter. Money: the deal
    currency as landed, and the reporting currency at the close date for a
    closed deal (the bookings FX date), at the created date for an open one
    (the pipeline_created FX date); amount_at_creation is the first live
    history row's amount (null counts 0), else the current amount. A missing
    rate leaves the reporting amount null and sets is_fx_rate_missing. -#}
with

opportunities as (
    select * from {{ ref('int_sales__opportunities') }}
),

history as (
    select * from {{ ref('int_sales__opportunity_history') }}
),

accounts as (
    select * from {{ ref('int_identity__accounts') }}
),

users as (
    select * from {{ ref('stg_salesforce__user') }}
),

campaigns as (
    select * from {{ ref('stg_salesforce__campaign') }}
),

fx_rates as (
    select * from {{ ref('int_finance__fx_rates_daily') }}
),

days as (
    select * from {{ ref('int_calendar__days') }}
),

first_history_rows as (
    select
        opportunity_id,
        coalesce(amount, 0) as amount
    from history
    where history_sequence = 1
),

enriched as (
    select
        opportunities.*,
        accounts.segment,
        users.user_name as owner_name,
        campaigns.campaign_name,
        case when opportunities.is_closed then opportunities.close_date else opportunities.created_date end
            as fx_date,
        coalesce(first_history_rows.amount, opportunities.amount) as amount_at_creation
    from opportunities
    left join first_history_rows
        on opportunities.opportunity_id = first_history_rows.opportunity_id
    left join accounts
        on opportunities.account_id = accounts.account_id
    left join users
        on {{ revops.salesforce_id_key('opportunities.owner_id') }} = {{ revops.salesforce_id_key('users.user_id') }}
    left join campaigns
        on {{ revops.salesforce_id_key('opportunities.campaign_id') }}
            = {{ revops.salesforce_id_key('campaigns.campaign_id') }}
            and not campaigns.is_deleted
),

final as (
    select
        cast(enriched.opportunity_id as {{ dbt.type_string() }}) as opportunity_id,
        cast(enriched.account_id as {{ dbt.type_string() }}) as account_id,
        cast(enriched.salesforce_account_id as {{ dbt.type_string() }}) as salesforce_account_id,
        cast(enriched.opportunity_name as {{ dbt.type_string() }}) as opportunity_name,
        cast(enriched.owner_id as {{ dbt.type_string() }}) as owner_id,
        cast(enriched.owner_name as {{ dbt.type_string() }}) as owner_name,
        cast(enriched.opportunity_type as {{ dbt.type_string() }}) as opportunity_type,
        cast(enriched.is_new_business as {{ dbt.type_boolean() }}) as is_new_business,
        cast(enriched.is_expansion as {{ dbt.type_boolean() }}) as is_expansion,
        cast(enriched.is_renewal as {{ dbt.type_boolean() }}) as is_renewal,
        cast(enriched.lead_source as {{ dbt.type_string() }}) as lead_source,
        cast(enriched.campaign_id as {{ dbt.type_string() }}) as campaign_id,
        cast(enriched.campaign_name as {{ dbt.type_string() }}) as campaign_name,
        cast(coalesce(enriched.segment, 'Unknown') as {{ dbt.type_string() }}) as segment,
        cast(enriched.stage_name as {{ dbt.type_string() }}) as stage_name,
        cast(enriched.stage_category as {{ dbt.type_string() }}) as stage_category,
        cast(enriched.forecast_category as {{ dbt.type_string() }}) as forecast_category,
        cast(enriched.probability as {{ revops.type_money() }}) as probability,
        cast(enriched.currency_code as {{ dbt.type_string() }}) as currency_code,
        cast(enriched.amount as {{ revops.type_money() }}) as amount,
        cast(enriched.fx_date as date) as fx_date,
        {{ revops.to_reporting_currency('enriched.amount', 'fx_current.to_reporting_rate') }} as amount_reporting,
        cast(enriched.amount_at_creation as {{ revops.type_money() }}) as amount_at_creation,
        {{ revops.to_reporting_currency('enriched.amount_at_creation', 'fx_created.to_reporting_rate') }}
            as amount_at_creation_reporting,
        cast(
            (enriched.amount is not null and fx_current.to_reporting_rate is null)
            or fx_created.to_reporting_rate is null as {{ dbt.type_boolean() }}
        ) as is_fx_rate_missing,
        cast(enriched.created_at as {{ dbt.type_timestamp() }}) as created_at,
        cast(enriched.created_date as date) as created_date,
        cast(enriched.close_date as date) as close_date,
        cast(close_days.fiscal_year as integer) as close_fiscal_year,
        cast(close_days.fiscal_quarter as integer) as close_fiscal_quarter,
        cast(enriched.is_closed as {{ dbt.type_boolean() }}) as is_closed,
        cast(enriched.is_won as {{ dbt.type_boolean() }}) as is_won,
        cast(
            case
                when enriched.is_won then 'won'
                when enriched.is_closed then 'lost'
                else 'open'
            end as {{ dbt.type_string() }}
        ) as outcome,
        -- open deals have no days_open: counting to today would read the clock
        cast(
            case
                when enriched.is_closed then {{ revops.days_between('enriched.created_date', 'enriched.close_date') }}
            end as integer
        ) as days_open
    from enriched
    left join fx_rates as fx_current
        on enriched.currency_code = fx_current.currency_code
            and enriched.fx_date = fx_current.calendar_date
    left join fx_rates as fx_created
        on enriched.currency_code = fx_created.currency_code
            and enriched.created_date = fx_created.calendar_date
    left join days as close_days
        on enriched.close_date = close_days.calendar_date
)

select * from final
