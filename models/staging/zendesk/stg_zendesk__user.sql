with

landed as (
    {{ revops.select_landed_columns('zendesk', 'user') }}
),

latest as (
    {{ revops.latest_load('landed', ['id']) }}
),

renamed as (
    select
        id as zendesk_user_id,
        {{ revops.normalize_email('email') }} as email,
        {{ revops.email_domain('email') }} as email_domain,
        name as user_name,
        trim(role) as user_role,
        lower(trim(role)) as user_role_normalized,
        organization_id as zendesk_organization_id,
        created_at,
        coalesce(active, false) as is_active,
        coalesce(_fivetran_deleted, false) as is_deleted,
        _fivetran_synced as synced_at,
        landed_row_count
    from latest
),

final as (
    {{ revops.with_internal_flag('renamed', 'email_domain') }}
)

select * from final
