with

landed as (
    {{ revops.select_landed_columns('hubspot', 'contact') }}
),

latest as (
    {{ revops.latest_load('landed', ['id']) }}
),

renamed as (
    select
        id as hubspot_contact_id,
        {{ revops.normalize_email('property_email') }} as email,
        {{ revops.email_domain('property_email') }} as email_domain,
        property_firstname as first_name,
        property_lastname as last_name,
        property_company as company_name,
        property_jobtitle as job_title,
        trim(property_lifecyclestage) as lifecycle_stage,
        lower(trim(property_lifecyclestage)) as lifecycle_stage_normalized,
        property_createdate as created_at,
        property_hs_lifecyclestage_lead_date as lead_at,
        property_hs_lifecyclestage_marketingqualifiedlead_date as mql_at,
        property_hs_lifecyclestage_salesqualifiedlead_date as sql_at,
        property_hs_lifecyclestage_opportunity_date as opportunity_at,
        property_hs_lifecyclestage_customer_date as customer_at,
        trim(property_hs_analytics_source) as analytics_source,
        lower(trim(property_hs_analytics_source)) as analytics_source_normalized,
        property_hs_analytics_source_data_1 as analytics_source_detail,
        property_associatedcompanyid as associated_company_id,
        -- Salesforce ids as landed (15 or 18 characters): identity
        -- resolution matches a 15-character id to the 18-character one
        property_salesforceleadid as salesforce_lead_id,
        property_salesforcecontactid as salesforce_contact_id,
        -- 'vid:timestamp;vid:timestamp' text, parsed by identity resolution
        property_hs_calculated_merged_vids as merged_vids,
        coalesce(_fivetran_deleted, false) as is_deleted,
        _fivetran_synced as synced_at,
        landed_row_count
    from latest
),

final as (
    {{ revops.with_internal_flag('renamed', 'email_domain') }}
)

select * from final
