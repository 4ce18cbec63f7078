with

landed as (
    {{ revops.select_landed_columns('delighted', 'person') }}
),

latest as (
    {{ revops.latest_load('landed', ['id']) }}
),

renamed as (
    select
        id as delighted_person_id,
        {{ revops.normalize_email('email') }} as email,
        {{ revops.email_domain('email') }} as email_domain,
        name as person_name,
        created_at,
        coalesce(_fivetran_deleted, false) as is_deleted,
        _fivetran_synced as synced_at,
        landed_row_count
    from latest
),

final as (
    {{ revops.with_internal_flag('renamed', 'email_domain') }}
)

select * from final
