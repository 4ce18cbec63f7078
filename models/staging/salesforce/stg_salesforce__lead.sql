with

landed as (
    {{ revops.select_landed_columns('salesforce', 'lead') }}
),

latest as (
    {{ revops.latest_load('landed', ['id']) }}
),

renamed as (
    select
        id as lead_id,
        {{ revops.normalize_email('email') }} as email,
        {{ revops.email_domain('email') }} as email_domain,
        first_name,
        last_name,
        company as company_name,
        trim(lead_source) as lead_source,
        trim(status) as lead_status,
        lower(trim(status)) as lead_status_normalized,
        -- stays nullable: a blank is_converted must not cancel a present
        -- converted_date (applied downstream, metrics spec Hygiene)
        is_converted,
        converted_date,
        converted_account_id,
        converted_contact_id,
        converted_opportunity_id,
        owner_id,
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
