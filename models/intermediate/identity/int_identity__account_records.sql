{#- One row per staged account-like record of every tool (Salesforce account,
    HubSpot company, Zendesk organization, Stripe customer), deleted and
    internal ones included: its id, its domain evidence and the Salesforce
    account id it names, if any. Zendesk organizations list several domains
    (domain_names); int_identity__account_domains splits them, and their
    internal flag comes from those domains. -#}
with

salesforce_accounts as (
    select * from {{ ref('stg_salesforce__account') }}
),

hubspot_companies as (
    select * from {{ ref('stg_hubspot__company') }}
),

zendesk_organizations as (
    select * from {{ ref('stg_zendesk__organization') }}
),

stripe_customers as (
    select * from {{ ref('stg_stripe__customer') }}
),

unioned as (
    select
        'salesforce' as source_system,
        'account' as source_table,
        account_id as source_record_id,
        account_name as record_name,
        website_domain as domain,
        cast(null as {{ dbt.type_string() }}) as domain_names,
        cast(null as {{ dbt.type_string() }}) as email,
        cast(null as {{ dbt.type_string() }}) as named_account_id,
        industry,
        number_of_employees,
        created_at,
        is_deleted,
        is_internal
    from salesforce_accounts

    union all

    select
        'hubspot' as source_system,
        'company' as source_table,
        hubspot_company_id as source_record_id,
        company_name as record_name,
        website_domain as domain,
        cast(null as {{ dbt.type_string() }}) as domain_names,
        cast(null as {{ dbt.type_string() }}) as email,
        salesforce_account_id as named_account_id,
        industry,
        number_of_employees,
        created_at,
        is_deleted,
        is_internal
    from hubspot_companies

    union all

    select
        'zendesk' as source_system,
        'organization' as source_table,
        zendesk_organization_id as source_record_id,
        organization_name as record_name,
        cast(null as {{ dbt.type_string() }}) as domain,
        domain_names,
        cast(null as {{ dbt.type_string() }}) as email,
        external_id as named_account_id,
        cast(null as {{ dbt.type_string() }}) as industry,
        cast(null as {{ dbt.type_bigint() }}) as number_of_employees,
        created_at,
        is_deleted,
        false as is_internal
    from zendesk_organizations

    union all

    select
        'stripe' as source_system,
        'customer' as source_table,
        stripe_customer_id as source_record_id,
        customer_name as record_name,
        email_domain as domain,
        cast(null as {{ dbt.type_string() }}) as domain_names,
        email,
        salesforce_account_id as named_account_id,
        cast(null as {{ dbt.type_string() }}) as industry,
        cast(null as {{ dbt.type_bigint() }}) as number_of_employees,
        created_at,
        is_deleted,
        is_internal
    from stripe_customers
),

final as (
    select
        {{ dbt.concat([
            "source_system", "'_'", "source_table", "':'",
            "cast(source_record_id as " ~ dbt.type_string() ~ ")"
        ]) }} as account_record_id,
        source_system,
        source_table,
        cast(source_record_id as {{ dbt.type_string() }}) as source_record_id,
        record_name,
        domain,
        nullif(trim(domain_names), '') as domain_names,
        email,
        nullif(trim(named_account_id), '') as named_account_id,
        industry,
        number_of_employees,
        created_at,
        coalesce(is_deleted, false) as is_deleted,
        coalesce(is_internal, false) as is_internal
    from unioned
)

select * from final
