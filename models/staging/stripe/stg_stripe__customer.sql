with

landed as (
    {{ revops.select_landed_columns('stripe', 'customer') }}
),

latest as (
    {{ revops.latest_load('landed', ['id']) }}
),

renamed as (
    select
        id as stripe_customer_id,
        {{ revops.normalize_email('email') }} as email,
        {{ revops.email_domain('email') }} as email_domain,
        name as customer_name,
        description,
        created as created_at,
        {{ revops.normalize_code('currency') }} as currency_code,
        coalesce(delinquent, false) as is_delinquent,
        metadata,
        {{ revops.json_text_value('metadata', 'salesforce_account_id') }} as salesforce_account_id,
        coalesce(is_deleted, false) as is_deleted,
        _fivetran_synced as synced_at,
        landed_row_count
    from latest
),

final as (
    {{ revops.with_internal_flag('renamed', 'email_domain') }}
)

select * from final
