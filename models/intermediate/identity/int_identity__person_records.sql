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

unioned as (
    select
        'hubspot' as source_system,
        'contact' as source_table,
        hubspot_contact_id as source_record_id,
        email,
        created_at,
        is_deleted,
        is_internal,
        salesforce_lead_id,
        salesforce_contact_id,
        merged_vids,
        cast(null as {{ dbt.type_string() }}) as converted_contact_id,
        cast(null as {{ dbt.type_string() }}) as salesforce_account_id
    from hubspot_contacts

    union all

    select
        'salesforce' as source_system,
        'lead' as source_table,
        lead_id as source_record_id,
        email,
        created_at,
        is_deleted,
        is_internal,
        cast(null as {{ dbt.type_string() }}) as salesforce_lead_id,
        cast(null as {{ dbt.type_string() }}) as salesforce_contact_id,
        cast(null as {{ dbt.type_string() }}) as merged_vids,
        converted_contact_id,
        converted_account_id as salesforce_account_id
    from salesforce_leads

    union all

    select
        'salesforce' as source_system,
        'contact' as source_table,
        contact_id as source_record_id,
        email,
        created_at,
        is_deleted,
        is_internal,
        cast(null as {{ dbt.type_string() }}) as salesforce_lead_id,
        cast(null as {{ dbt.type_string() }}) as salesforce_contact_id,
        cast(null as {{ dbt.type_string() }}) as merged_vids,
        cast(null as {{ dbt.type_string() }}) as converted_contact_id,
        account_id as salesforce_account_id
    from salesforce_contacts

    union all

    select
        'zendesk' as source_system,
        'user' as source_table,
        zendesk_user_id as source_record_id,
        email,
        created_at,
        is_deleted,
        is_internal,
        cast(null as {{ dbt.type_string() }}) as salesforce_lead_id,
        cast(null as {{ dbt.type_string() }}) as salesforce_contact_id,
        cast(null as {{ dbt.type_string() }}) as merged_vids,
        cast(null as {{ dbt.type_string() }}) as converted_contact_id,
        cast(null as {{ dbt.type_string() }}) as salesforce_account_id
    from zendesk_users

    union all

    select
        'delighted' as source_system,
        'person' as source_table,
        delighted_person_id as source_record_id,
        email,
        created_at,
        is_deleted,
        is_internal,
        cast(null as {{ dbt.type_string() }}) as salesforce_lead_id,
        cast(null as {{ dbt.type_string() }}) as salesforce_contact_id,
        cast(null as {{ dbt.type_string() }}) as merged_vids,
        cast(null as {{ dbt.type_string() }}) as converted_contact_id,
        cast(null as {{ dbt.type_string() }}) as salesforce_account_id
    from delighted_persons

    union all

    -- the customer's metadata account id links the customer (an account
    -- record), not the human behind its email: persons reach accounts
    -- through Salesforce contacts and leads
    select
        'stripe' as source_system,
        'customer' as source_table,
        stripe_customer_id as source_record_id,
        email,
        created_at,
        is_deleted,
        is_internal,
        cast(null as {{ dbt.type_string() }}) as salesforce_lead_id,
        cast(null as {{ dbt.type_string() }}) as salesforce_contact_id,
        cast(null as {{ dbt.type_string() }}) as merged_vids,
        cast(null as {{ dbt.type_string() }}) as converted_contact_id,
        cast(null as {{ dbt.type_string() }}) as salesforce_account_id
    from stripe_customers
),

final as (
    select
        {{ dbt.concat([
            "source_system", "'_'", "source_table", "':'",
            "cast(source_record_id as " ~ dbt.type_string() ~ ")"
        ]) }} as person_record_id,
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
