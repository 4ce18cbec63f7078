with

person_profiles as (
    select * from {{ ref('int_identity__person_profiles') }}
),

final as (
    select
        cast(person_id as {{ dbt.type_string() }}) as person_id,
        cast(email as {{ dbt.type_string() }}) as email,
        cast({{ revops.hash_personal_data('email') }} as {{ dbt.type_string() }}) as email_hash
    from person_profiles
)

select * from final
