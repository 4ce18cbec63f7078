with

landed as (
    {{ revops.select_landed_columns('hubspot', 'form') }}
),

latest as (
    {{ revops.latest_load('landed', ['guid']) }}
),

final as (
    select
        guid as form_id,
        name as form_name,
        created_at,
        _fivetran_synced as synced_at,
        landed_row_count,
        trim(form_type) as form_type,
        lower(trim(form_type)) as form_type_normalized,
        coalesce(_fivetran_deleted, false) as is_deleted
    from latest
)

select * from final
