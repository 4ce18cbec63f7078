with

landed as (
    {{ revops.select_landed_columns('hubspot', 'company') }}
),

latest as (
    {{ revops.latest_load('landed', ['id']) }}
),

renamed as (
    select
        id as hubspot_company_id,
        property_name as company_name,
        property_domain as company_domain,
        {{ revops.url_domain('property_domain') }} as website_domain,
        property_industry as industry,
        property_numberofemployees as number_of_employees,
        property_salesforceaccountid as salesforce_account_id,
        property_createdate as created_at,
        coalesce(_fivetran_deleted, false) as is_deleted,
        _fivetran_synced as synced_at,
        landed_row_count
    from latest
),

final as (
    {{ revops.with_internal_flag('renamed', 'website_domain') }}
)

select * from final
