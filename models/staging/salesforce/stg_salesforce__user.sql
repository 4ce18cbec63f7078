with

landed as (
    {{ revops.select_landed_columns('salesforce', 'user') }}
),

latest as (
    {{ revops.latest_load('landed', ['id']) }}
),

renamed as (
    select
        id as user_id,
        name as user_name,
        {{ revops.normalize_email('email') }} as email,
        {{ revops.email_domain('email') }} as email_domain,
        title,
        coalesce(is_active, false) as is_active,
        -- the User object has no is_deleted; the loader's flag is the only one
        coalesce(_fivetran_deleted, false) as is_deleted,
        _fivetran_synced as synced_at,
        landed_row_count
    from latest
),

final as (
    {{ revops.with_internal_flag('renamed', 'email_domain') }}
)

select * from final
