with

landed as (
    {{ revops.select_landed_columns('zendesk', 'domain_name') }}
),

latest as (
    {{ revops.latest_load('landed', ['organization_id', 'index']) }}
),

final as (
    select
        organization_id as zendesk_organization_id,
        index as domain_index,
        domain_name,
        _fivetran_synced as synced_at,
        landed_row_count,
        coalesce(_fivetran_deleted, false) as is_deleted
    from latest
)

select * from final
