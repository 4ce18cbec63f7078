{#- One row per staged account-like record of every tool (Salesforce account,
    HubSpot company, Zendesk organization, Stripe customer), deleted and
    internal ones included: its id, its domain evidence and the Salesforce
    account id it names, if any. Zendesk organizations list several domains
    (stg_zendesk__organization_domain, read by int_identity__account_domains),
    and their internal flag comes from those domains. -#}
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
    {{ revops.union_source_records(
        shared_columns=['created_at', 'is_deleted', 'is_internal'],
        optional_columns={
            'record_name': dbt.type_string(),
            'domain': dbt.type_string(),
            'email': dbt.type_string(),
            'named_account_id': dbt.type_string(),
            'industry': dbt.type_string(),
            'number_of_employees': dbt.type_bigint()
        },
        sources=[
            {'system': 'salesforce', 'table': 'account', 'from': 'salesforce_accounts', 'id': 'account_id',
             'columns': {'record_name': 'account_name', 'domain': 'website_domain',
                         'industry': 'industry', 'number_of_employees': 'number_of_employees'}},
            {'system': 'hubspot', 'table': 'company', 'from': 'hubspot_companies', 'id': 'hubspot_company_id',
             'columns': {'record_name': 'company_name', 'domain': 'website_domain',
                         'named_account_id': 'salesforce_account_id',
                         'industry': 'industry', 'number_of_employees': 'number_of_employees'}},
            {'system': 'zendesk', 'table': 'organization', 'from': 'zendesk_organizations',
             'id': 'zendesk_organization_id',
             'columns': {'record_name': 'organization_name', 'named_account_id': 'external_id',
                         'is_internal': 'false'}},
            {'system': 'stripe', 'table': 'customer', 'from': 'stripe_customers', 'id': 'stripe_customer_id',
             'columns': {'record_name': 'customer_name', 'domain': 'email_domain', 'email': 'email',
                         'named_account_id': 'salesforce_account_id'}}
        ]
    ) }}
),

final as (
    select
        {{ revops.source_record_key() }} as account_record_id,
        source_system,
        source_table,
        cast(source_record_id as {{ dbt.type_string() }}) as source_record_id,
        record_name,
        domain,
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
