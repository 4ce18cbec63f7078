with

account_record_matches as (
    select * from {{ ref('int_identity__account_record_matches') }}
),

final as (
    select
        cast(account_record_id as {{ dbt.type_string() }}) as account_record_id,
        cast(source_system as {{ dbt.type_string() }}) as source_system,
        cast(source_table as {{ dbt.type_string() }}) as source_table,
        cast(source_record_id as {{ dbt.type_string() }}) as source_record_id,
        cast(account_id as {{ dbt.type_string() }}) as account_id,
        cast(match_rule as {{ dbt.type_string() }}) as match_rule,
        cast(is_salesforce_account as {{ dbt.type_boolean() }}) as is_salesforce_account,
        cast(is_internal as {{ dbt.type_boolean() }}) as is_internal
    from account_record_matches
)

select * from final
