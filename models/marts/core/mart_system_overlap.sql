with

person_components as (
    select * from {{ ref('int_identity__person_components') }}
),

account_record_matches as (
    select * from {{ ref('int_identity__account_record_matches') }}
),

internal_accounts as (
    select
        account_id,
        max(case when is_internal then 1 else 0 end) = 1 as is_internal
    from account_record_matches
    where account_id is not null
    group by account_id
),

person_systems as (
    select
        person_id as entity_id,
        'person' as entity_type,
        max(case when source_system = 'delighted' then 1 else 0 end) as has_delighted,
        max(case when source_system = 'hubspot' then 1 else 0 end) as has_hubspot,
        max(case when source_system = 'salesforce' then 1 else 0 end) as has_salesforce,
        max(case when source_system = 'stripe' then 1 else 0 end) as has_stripe,
        max(case when source_system = 'zendesk' then 1 else 0 end) as has_zendesk
    from person_components
    where
        person_id is not null
        and not is_internal
    group by person_id
),

account_systems as (
    select
        account_record_matches.account_id as entity_id,
        'account' as entity_type,
        max(case when account_record_matches.source_system = 'delighted' then 1 else 0 end) as has_delighted,
        max(case when account_record_matches.source_system = 'hubspot' then 1 else 0 end) as has_hubspot,
        max(case when account_record_matches.source_system = 'salesforce' then 1 else 0 end) as has_salesforce,
        max(case when account_record_matches.source_system = 'stripe' then 1 else 0 end) as has_stripe,
        max(case when account_record_matches.source_system = 'zendesk' then 1 else 0 end) as has_zendesk
    from account_record_matches
    inner join internal_accounts
        on account_record_matches.account_id = internal_accounts.account_id
    where not internal_accounts.is_internal
    group by account_record_matches.account_id
),

entity_systems as (
    select * from person_systems
    union all
    select * from account_systems
),

-- systems in alphabetical order joined with '+', e.g. 'hubspot+salesforce'
combinations as (
    select
        entity_type,
        entity_id,
        substring(
            {{ dbt.concat([
                "case when has_delighted = 1 then '+delighted' else '' end",
                "case when has_hubspot = 1 then '+hubspot' else '' end",
                "case when has_salesforce = 1 then '+salesforce' else '' end",
                "case when has_stripe = 1 then '+stripe' else '' end",
                "case when has_zendesk = 1 then '+zendesk' else '' end"
            ]) }},
            2,
            200
        ) as system_combination,
        has_delighted + has_hubspot + has_salesforce + has_stripe + has_zendesk as system_count
    from entity_systems
),

final as (
    select
        cast(system_combination as {{ dbt.type_string() }}) as system_combination,
        cast(system_count as integer) as system_count,
        cast(sum(case when entity_type = 'person' then 1 else 0 end) as {{ dbt.type_bigint() }}) as person_count,
        cast(sum(case when entity_type = 'account' then 1 else 0 end) as {{ dbt.type_bigint() }}) as account_count
    from combinations
    group by system_combination, system_count
)

select * from final
