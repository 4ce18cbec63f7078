with

landed as (
    {{ revops.select_landed_columns('delighted', 'response') }}
),

latest as (
    {{ revops.latest_load('landed', ['id']) }}
),

final as (
    select
        id as delighted_response_id,
        person_id as delighted_person_id,
        score,
        comment as response_comment,
        created_at,
        _fivetran_synced as synced_at,
        landed_row_count,
        trim(survey_type) as survey_type,
        lower(trim(survey_type)) as survey_type_normalized,
        coalesce(_fivetran_deleted, false) as is_deleted
    from latest
)

select * from final
