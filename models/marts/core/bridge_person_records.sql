with

person_components as (
    select * from {{ ref('int_identity__person_components') }}
),

final as (
    select
        cast(person_record_id as {{ dbt.type_string() }}) as person_record_id,
        cast(source_system as {{ dbt.type_string() }}) as source_system,
        cast(source_table as {{ dbt.type_string() }}) as source_table,
        cast(source_record_id as {{ dbt.type_string() }}) as source_record_id,
        cast(person_id as {{ dbt.type_string() }}) as person_id,
        cast(match_rule as {{ dbt.type_string() }}) as match_rule,
        cast(created_at as {{ dbt.type_timestamp() }}) as record_created_at,
        cast(is_deleted as {{ dbt.type_boolean() }}) as is_deleted,
        cast(is_internal as {{ dbt.type_boolean() }}) as is_internal
    from person_components
)

select * from final
