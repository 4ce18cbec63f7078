with

submissions as (
    select * from {{ ref('stg_hubspot__contact_form_submission') }}
),

person_records as (
    select * from {{ ref('bridge_person_records') }}
    where source_system = 'hubspot' and source_table = 'contact'
),

-- Submissions of a deleted contact are not counted, nor those of internal
-- persons (metrics spec, Hygiene); submissions whose contact never landed
-- have no person and are left out too.
countable as (
    select
        submissions.form_submission_id,
        submissions.submitted_at,
        submissions.form_id,
        submissions.hubspot_contact_id,
        submissions.page_url,
        person_records.person_id
    from submissions
    inner join person_records
        on submissions.hubspot_contact_id = person_records.source_record_id
    where
        not submissions.is_deleted
        and not person_records.is_deleted
        and not person_records.is_internal
),

final as (
    select
        form_submission_id,
        submitted_at,
        {{ revops.iso_week_key('cast(submitted_at as date)') }} as iso_week,
        form_id,
        hubspot_contact_id,
        person_id,
        page_url
    from countable
)

select * from final
