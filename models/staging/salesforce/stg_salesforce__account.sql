with

landed as (
    {{ revops.select_landed_columns('salesforce', 'account') }}
),

latest as (
    {{ revops.latest_load('landed', ['id']) }}
),

renamed as (
    select
        id as account_id,
        name as account_name,
        website,
        {{ revops.url_domain('website') }} as website_domain,
        industry,
        number_of_employees,
        billing_country,
        trim(type) as account_type,
        lower(trim(type)) as account_type_normalized,
        owner_id,
        created_date as created_at,
        coalesce(is_deleted, false) as is_deleted,
        _fivetran_synced as synced_at,
        landed_row_count
    from latest
),

final as (
    {{ revops.with_internal_flag('renamed', 'website_domain') }}
)

select * from final
