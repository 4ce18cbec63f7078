with

periods as (
    select * from {{ ref('int_support__ticket_status_periods') }}
),

final as (
    select
        cast({{ revops.surrogate_key(['ticket_id', 'valid_from']) }} as {{ dbt.type_string() }}) as ticket_status_id,
        cast(ticket_id as {{ dbt.type_string() }}) as ticket_id,
        cast(status as {{ dbt.type_string() }}) as status,
        cast(valid_from as {{ dbt.type_timestamp() }}) as valid_from,
        cast(valid_to as {{ dbt.type_timestamp() }}) as valid_to,
        cast(is_unsolved as {{ dbt.type_boolean() }}) as is_unsolved
    from periods
)

select * from final
