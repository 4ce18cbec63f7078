with

landed as (
    {{ revops.select_landed_columns('hubspot', 'email_campaign') }}
),

latest as (
    {{ revops.latest_load('landed', ['id']) }}
),

final as (
    select
        id as email_campaign_id,
        name as email_campaign_name,
        subject,
        _fivetran_synced as synced_at,
        landed_row_count,
        trim(type) as email_campaign_type,
        lower(trim(type)) as email_campaign_type_normalized,
        coalesce(_fivetran_deleted, false) as is_deleted
    from latest
)

select * from final
