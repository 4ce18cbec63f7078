{#- One row per staged person record of every tool, deleted and internal
    ones included, in one shape: the record id, its email, and the explicit
    link ids it carries. Identity resolution reads only this model. -#}
with

hubspot_contacts as (
    select * from {{ ref('stg_hubspot__contact') }}
),

salesforce_leads as (
    select * from {{ ref('stg_salesforce__lead') }}
),

salesforce_contacts as (
    select * from {{ ref('stg_salesforce__contact') }}
),

zendesk_users as (
    select * from {{ ref('stg_zendesk__user') }}
),

delighted_persons as (
    select * from {{ ref('stg_delighted__person') }}
),

stripe_customers as (
    select * from {{ ref('stg_stripe__customer') }}
),

-- a Stripe customer's metadata account id links the customer (an account
-- record), not the human behind its email: persons reach accounts through
-- Salesforce contacts and leads, so Stripe customers carry no link ids here
unioned as (
    {{ revops.union_source_records(
        shared_columns=['email', 'created_at', 'is_deleted', 'is_internal'],
        optional_columns={
            'salesforce_lead_id': dbt.type_string(),
            'salesforce_contact_id': dbt.type_string(),
            'merged_vids': dbt.type_string(),
            'converted_contact_id': dbt.type_string(),
            'salesforce_account_id': dbt.type_string()
        },
        sources=[
            {'system': 'hubspot', 'table': 'contact', 'from': 'hubspot_contacts', 'id': 'hubspot_contact_id',
             'columns': {'salesforce_lead_id': 'salesforce_lead_id',
                         'salesforce_contact_id': 'salesforce_contact_id', 'merged_vids': 'merged_vids'}},
            {'system': 'salesforce', 'table': 'lead', 'from': 'salesforce_leads', 'id': 'lead_id',
             'columns': {'converted_contact_id': 'converted_contact_id',
                         'salesforce_account_id': 'converted_account_id'}},
            {'system': 'salesforce', 'table': 'contact', 'from': 'salesforce_contacts', 'id': 'contact_id',
             'columns': {'salesforce_account_id': 'account_id'}},
            {'system': 'zendesk', 'table': 'user', 'from': 'zendesk_users', 'id': 'zendesk_user_id'},
            {'system': 'delighted', 'table': 'person', 'from': 'delighted_persons', 'id': 'delighted_person_id'},
            {'system': 'stripe', 'table': 'customer', 'from': 'stripe_customers', 'id': 'stripe_customer_id'}
        ]
    ) }}
),

final as (
    select
        {{ revops.source_record_key() }} as person_record_id,
        source_system,
        source_table,
        cast(source_record_id as {{ dbt.type_string() }}) as source_record_id,
        -- staging already normalises; applying the same macro again keeps
        -- the matching key safe whatever a staging model lands
        {{ revops.normalize_email('email') }} as email,
        {{ revops.email_domain('email') }} as email_domain,
        created_at,
        coalesce(is_deleted, false) as is_deleted,
        coalesce(is_internal, false) as is_internal,
        nullif(trim(salesforce_lead_id), '') as salesforce_lead_id,
        nullif(trim(salesforce_contact_id), '') as salesforce_contact_id,
        nullif(trim(merged_vids), '') as merged_vids,
        nullif(trim(converted_contact_id), '') as converted_contact_id,
        nullif(trim(salesforce_account_id), '') as salesforce_account_id
    from unioned
)

select * from final
