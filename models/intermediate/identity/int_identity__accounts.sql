{#- The conformed account (dim_accounts selects it as it is): every live
    Salesforce account plus every Stripe customer that matched none, with
    its deal history and CRM/billing customer_status (its first touch is
    int_attribution__channels').
    Intermediate models read it here, so the DAG never runs back from a mart
    (customer_status cannot read ARR: DECISIONLOG D19). -#}
with

account_record_matches as (
    select * from {{ ref('int_identity__account_record_matches') }}
),

account_records as (
    select * from {{ ref('int_identity__account_records') }}
),

person_accounts as (
    select * from {{ ref('int_identity__person_accounts') }}
),

person_profiles as (
    select * from {{ ref('int_identity__person_profiles') }}
),

salesforce_accounts as (
    select * from {{ ref('stg_salesforce__account') }}
),

salesforce_users as (
    select * from {{ ref('stg_salesforce__user') }}
),

opportunities as (
    select * from {{ ref('stg_salesforce__opportunity') }}
),

stage_mapping as (
    select * from {{ ref('crm_stage_mapping') }}
),

subscriptions as (
    select * from {{ ref('stg_stripe__subscription') }}
),

stripe_customers as (
    select * from {{ ref('stg_stripe__customer') }}
),

employee_segments as (
    select * from {{ ref('employee_segments') }}
),

free_mail_domains as (
    {{ revops.free_mail_domains() }}
),

matched_records as (
    select
        account_record_matches.account_id,
        account_record_matches.source_system,
        account_record_matches.source_table,
        account_record_matches.source_record_id,
        account_records.record_name,
        account_records.domain,
        account_records.industry,
        account_records.number_of_employees,
        account_records.created_at,
        account_record_matches.is_internal
    from account_record_matches
    inner join account_records
        on account_record_matches.account_record_id = account_records.account_record_id
    where account_record_matches.account_id is not null
),

salesforce_master_accounts as (
    select
        matched_records.account_id,
        'salesforce' as account_source,
        salesforce_accounts.account_name,
        salesforce_accounts.website_domain as domain,
        salesforce_accounts.industry,
        salesforce_accounts.number_of_employees,
        salesforce_accounts.billing_country as country,
        salesforce_accounts.owner_id,
        salesforce_accounts.is_internal
    from matched_records
    inner join salesforce_accounts
        on matched_records.source_record_id = salesforce_accounts.account_id
    where matched_records.source_system = 'salesforce'
),

stripe_own_accounts as (
    -- a free-mail address says nothing about the company: no domain
    select
        matched_records.account_id,
        'stripe' as account_source,
        matched_records.record_name as account_name,
        case when free_mail_domains.domain is null then matched_records.domain end as domain,
        cast(null as {{ dbt.type_string() }}) as industry,
        cast(null as {{ dbt.type_bigint() }}) as number_of_employees,
        cast(null as {{ dbt.type_string() }}) as country,
        cast(null as {{ dbt.type_string() }}) as owner_id,
        matched_records.is_internal
    from matched_records
    left join free_mail_domains
        on matched_records.domain = free_mail_domains.domain
    where matched_records.source_system = 'stripe'
        and matched_records.account_id = {{ dbt.concat(["'stripe:'", "matched_records.source_record_id"]) }}
),

accounts as (
    select * from salesforce_master_accounts
    union all
    select * from stripe_own_accounts
),

tool_records as (
    select
        account_id,
        min(case when source_system = 'salesforce' then created_at end) as salesforce_created_at,
        min(case when source_system = 'hubspot' then created_at end) as hubspot_created_at,
        min(case when source_system = 'zendesk' then created_at end) as zendesk_created_at,
        min(case when source_system = 'stripe' then created_at end) as stripe_created_at,
        min(case when source_system = 'hubspot' then industry end) as hubspot_industry,
        max(case when source_system = 'hubspot' then number_of_employees end) as hubspot_employees
    from matched_records
    group by account_id
),

account_persons as (
    select
        person_accounts.account_id,
        person_profiles.person_id
    from person_accounts
    inner join person_profiles
        on person_accounts.person_id = person_profiles.person_id
    where person_accounts.account_id is not null
        and not person_profiles.is_internal
),

person_counts as (
    select
        account_id,
        count(*) as person_count
    from account_persons
    group by account_id
),

live_opportunities as (
    select
        accounts.account_id,
        opportunities.opportunity_type_normalized,
        opportunities.is_won,
        opportunities.close_date,
        case
            when stage_mapping.stage_category is not null then stage_mapping.stage_category = 'open'
            else not (opportunities.is_closed or opportunities.is_won)
        end as is_open
    from opportunities
    inner join accounts
        on {{ revops.salesforce_id_key('opportunities.account_id') }}
            = {{ revops.salesforce_id_key('accounts.account_id') }}
    left join stage_mapping
        on opportunities.stage_name_normalized = lower(trim(stage_mapping.stage_name))
    where not opportunities.is_deleted
        and accounts.account_source = 'salesforce'
),

deal_history as (
    select
        account_id,
        count(*) as opportunity_count,
        sum(case when is_won then 1 else 0 end) as won_opportunity_count,
        min(case when is_won then close_date end) as first_won_date,
        sum(case when is_open then 1 else 0 end) as open_opportunity_count,
        max(case when is_won and opportunity_type_normalized = 'new business' then close_date end)
            as last_won_new_business_date
    from live_opportunities
    group by account_id
),

account_subscriptions as (
    select
        matched_records.account_id,
        subscriptions.status_normalized,
        coalesce(subscriptions.canceled_at, subscriptions.ended_at) as canceled_at
    from subscriptions
    inner join stripe_customers
        on subscriptions.stripe_customer_id = stripe_customers.stripe_customer_id
    inner join matched_records
        on matched_records.source_system = 'stripe'
            and stripe_customers.stripe_customer_id = matched_records.source_record_id
    where not subscriptions.is_deleted
        and not stripe_customers.is_deleted
),

subscription_summary as (
    select
        account_id,
        max(case when status_normalized in ('active', 'past_due', 'trialing') then 1 else 0 end) = 1
            as has_live_subscription,
        max(case when status_normalized = 'canceled' then canceled_at end) as last_canceled_at,
        count(*) as subscription_count
    from account_subscriptions
    group by account_id
),

final as (
    select
        cast(accounts.account_id as {{ dbt.type_string() }}) as account_id,
        cast(accounts.account_source as {{ dbt.type_string() }}) as account_source,
        cast(accounts.account_name as {{ dbt.type_string() }}) as name,
        cast(accounts.domain as {{ dbt.type_string() }}) as domain,
        cast(coalesce(accounts.industry, tool_records.hubspot_industry) as {{ dbt.type_string() }}) as industry,
        cast(coalesce(accounts.number_of_employees, tool_records.hubspot_employees) as {{ dbt.type_bigint() }})
            as employees,
        cast(coalesce(employee_segments.segment, 'Unknown') as {{ dbt.type_string() }}) as segment,
        cast(accounts.country as {{ dbt.type_string() }}) as country,
        cast(accounts.owner_id as {{ dbt.type_string() }}) as owner_id,
        cast(salesforce_users.user_name as {{ dbt.type_string() }}) as owner_name,
        cast(tool_records.salesforce_created_at as {{ dbt.type_timestamp() }}) as salesforce_created_at,
        cast(tool_records.hubspot_created_at as {{ dbt.type_timestamp() }}) as hubspot_created_at,
        cast(tool_records.zendesk_created_at as {{ dbt.type_timestamp() }}) as zendesk_created_at,
        cast(tool_records.stripe_created_at as {{ dbt.type_timestamp() }}) as stripe_created_at,
        cast(accounts.is_internal as {{ dbt.type_boolean() }}) as is_internal,
        cast(coalesce(deal_history.opportunity_count, 0) as {{ dbt.type_bigint() }}) as opportunity_count,
        cast(coalesce(deal_history.won_opportunity_count, 0) as {{ dbt.type_bigint() }}) as won_opportunity_count,
        cast(deal_history.first_won_date as date) as first_won_date,
        cast(coalesce(deal_history.open_opportunity_count, 0) as {{ dbt.type_bigint() }}) as open_opportunity_count,
        cast(
            case
                when subscription_summary.has_live_subscription then 'customer'
                when deal_history.last_won_new_business_date is not null
                    and (
                        subscription_summary.last_canceled_at is null
                        or cast(subscription_summary.last_canceled_at as date) < deal_history.last_won_new_business_date
                    )
                    then 'customer'
                when subscription_summary.subscription_count > 0
                    or deal_history.won_opportunity_count > 0
                    then 'former customer'
                else 'prospect'
            end as {{ dbt.type_string() }}
        ) as customer_status,
        cast(coalesce(person_counts.person_count, 0) as {{ dbt.type_bigint() }}) as person_count
    from accounts
    left join tool_records
        on accounts.account_id = tool_records.account_id
    left join employee_segments
        on coalesce(accounts.number_of_employees, tool_records.hubspot_employees) >= employee_segments.min_employees
            and (
                employee_segments.max_employees is null
                or coalesce(accounts.number_of_employees, tool_records.hubspot_employees)
                <= employee_segments.max_employees
            )
    left join salesforce_users
        on {{ revops.salesforce_id_key('accounts.owner_id') }}
            = {{ revops.salesforce_id_key('salesforce_users.user_id') }}
    left join person_counts
        on accounts.account_id = person_counts.account_id
    left join deal_history
        on accounts.account_id = deal_history.account_id
    left join subscription_summary
        on accounts.account_id = subscription_summary.account_id
)

select * from final
