with

person_components as (
    select * from {{ ref('int_identity__person_components') }}
),

person_accounts as (
    select * from {{ ref('int_identity__person_accounts') }}
),

account_record_matches as (
    select * from {{ ref('int_identity__account_record_matches') }}
),

unmatched_person_records as (
    select
        'person' as record_role,
        person_components.person_record_id as record_id,
        person_components.source_system,
        person_components.source_table,
        person_components.source_record_id,
        person_components.person_id,
        person_accounts.account_id,
        person_accounts.unmatched_reason as reason,
        person_accounts.domain_tried
    from person_components
    inner join person_accounts
        on person_components.person_id = person_accounts.person_id
    where not person_accounts.is_salesforce_account
        and not person_accounts.is_internal
),

unmatched_account_records as (
    select
        'account' as record_role,
        account_record_id as record_id,
        source_system,
        source_table,
        source_record_id,
        cast(null as {{ dbt.type_string() }}) as person_id,
        account_id,
        unmatched_reason as reason,
        domain_tried
    from account_record_matches
    where match_rule in ('stripe_own_account', 'unmatched')
        and not is_internal
),

unioned as (
    select * from unmatched_person_records
    union all
    select * from unmatched_account_records
),

final as (
    select
        cast({{ dbt.concat(["record_role", "'|'", "record_id"]) }} as {{ dbt.type_string() }}) as unmatched_id,
        cast(record_role as {{ dbt.type_string() }}) as record_role,
        cast(record_id as {{ dbt.type_string() }}) as record_id,
        cast(source_system as {{ dbt.type_string() }}) as source_system,
        cast(source_table as {{ dbt.type_string() }}) as source_table,
        cast(source_record_id as {{ dbt.type_string() }}) as source_record_id,
        cast(person_id as {{ dbt.type_string() }}) as person_id,
        cast(account_id as {{ dbt.type_string() }}) as account_id,
        cast(reason as {{ dbt.type_string() }}) as reason,
        cast(domain_tried as {{ dbt.type_string() }}) as domain_tried
    from unioned
)

select * from final
