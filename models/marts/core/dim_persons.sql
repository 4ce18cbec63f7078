with

person_profiles as (
    select * from {{ ref('int_identity__person_profiles') }}
),

person_accounts as (
    select * from {{ ref('int_identity__person_accounts') }}
),

person_stages as (
    select * from {{ ref('int_funnel__person_stages') }}
),

attribution as (
    select * from {{ ref('int_attribution__channels') }}
    where subject_type = 'person'
),

final as (
    select
        cast(person_profiles.person_id as {{ dbt.type_string() }}) as person_id,
        cast(person_accounts.account_id as {{ dbt.type_string() }}) as account_id,
        cast(person_accounts.account_match_rule as {{ dbt.type_string() }}) as account_match_rule,
        cast(person_accounts.unmatched_reason as {{ dbt.type_string() }}) as account_unmatched_reason,
        cast({{ revops.hash_personal_data('person_profiles.email') }} as {{ dbt.type_string() }}) as email,
        cast(person_profiles.email_domain as {{ dbt.type_string() }}) as email_domain,
        cast(person_profiles.is_free_mail as {{ dbt.type_boolean() }}) as is_free_mail,
        cast(person_profiles.is_internal as {{ dbt.type_boolean() }}) as is_internal,
        cast(attribution.first_touch_channel as {{ dbt.type_string() }}) as first_touch_channel,
        cast(attribution.first_touch_campaign as {{ dbt.type_string() }}) as first_touch_campaign,
        cast(attribution.salesforce_lead_source as {{ dbt.type_string() }}) as lead_source,
        cast(person_profiles.first_seen_at as {{ dbt.type_timestamp() }}) as first_seen_at,
        cast(person_profiles.record_count as {{ dbt.type_bigint() }}) as record_count,
        cast(person_profiles.hubspot_contact_count as {{ dbt.type_bigint() }}) as hubspot_contact_count,
        cast(person_profiles.salesforce_lead_count as {{ dbt.type_bigint() }}) as salesforce_lead_count,
        cast(person_profiles.salesforce_contact_count as {{ dbt.type_bigint() }}) as salesforce_contact_count,
        cast(person_profiles.zendesk_user_count as {{ dbt.type_bigint() }}) as zendesk_user_count,
        cast(person_profiles.delighted_person_count as {{ dbt.type_bigint() }}) as delighted_person_count,
        cast(person_profiles.stripe_customer_count as {{ dbt.type_bigint() }}) as stripe_customer_count,
        cast(person_profiles.lead_at as {{ dbt.type_timestamp() }}) as lead_at,
        cast(person_profiles.mql_at as {{ dbt.type_timestamp() }}) as mql_at,
        cast(person_profiles.sql_at as {{ dbt.type_timestamp() }}) as sql_at,
        cast(person_stages.opportunity_date as date) as opportunity_date,
        cast(person_stages.won_date as date) as won_date
    from person_profiles
    left join person_accounts
        on person_profiles.person_id = person_accounts.person_id
    left join person_stages
        on person_profiles.person_id = person_stages.person_id
    left join attribution
        on person_profiles.person_id = attribution.subject_id
)

select * from final
