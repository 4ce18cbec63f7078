with

landed as (
    {{ revops.select_landed_columns('zendesk', 'organization') }}
),

latest as (
    {{ revops.latest_load('landed', ['id']) }}
),

final as (
    select
        id as zendesk_organization_id,
        name as organization_name,
        external_id,
        domain_names,
        created_at,
        _fivetran_synced as synced_at,
        landed_row_count,
        coalesce(_fivetran_deleted, false) as is_deleted
    from latest
)

select * from final
