with

landed as (
    {{ revops.select_landed_columns('salesforce', 'contact') }}
),

latest as (
    {{ revops.latest_load('landed', ['id']) }}
),

renamed as (
    select
        id as contact_id,
        account_id,
        {{ revops.normalize_email('email') }} as email,
        {{ revops.email_domain('email') }} as email_domain,
        first_name,
        last_name,
        title,
        trim(lead_source) as lead_source,
        created_date as created_at,
        coalesce(is_deleted, false) as is_deleted,
        _fivetran_synced as synced_at,
        landed_row_count
    from latest
),

final as (
    {{ revops.with_internal_flag('renamed', 'email_domain') }}
)

select * from final
