{#- NPS responses with a score, survey_type 'nps' or blank, of live,
    non-internal respondents; person and account through the identity bridge. -#}
with

responses as (
    select * from {{ ref('stg_delighted__response') }}
),

respondents as (
    select * from {{ ref('stg_delighted__person') }}
),

person_records as (
    select * from {{ ref('int_identity__person_components') }}
),

person_accounts as (
    select * from {{ ref('int_identity__person_accounts') }}
),

scored as (
    select
        responses.delighted_response_id,
        responses.delighted_person_id,
        person_records.person_id,
        person_accounts.account_id,
        cast(responses.score as integer) as score,
        responses.created_at
    from responses
    inner join respondents
        on responses.delighted_person_id = respondents.delighted_person_id
    left join person_records
        on
            person_records.source_system = 'delighted'
            and person_records.source_table = 'person'
            and responses.delighted_person_id = person_records.source_record_id
    left join person_accounts
        on person_records.person_id = person_accounts.person_id
    where
        not responses.is_deleted
        and not respondents.is_deleted
        and not respondents.is_internal
        and not coalesce(person_records.is_internal, false)
        and responses.score is not null
        and coalesce(responses.survey_type_normalized, '') in ('nps', '')
),

final as (
    select
        cast(delighted_response_id as {{ dbt.type_string() }}) as nps_response_id,
        cast(delighted_person_id as {{ dbt.type_string() }}) as delighted_person_id,
        cast(person_id as {{ dbt.type_string() }}) as person_id,
        cast(account_id as {{ dbt.type_string() }}) as account_id,
        cast(score as integer) as score,
        cast({{ revops.nps_category('score') }} as {{ dbt.type_string() }}) as nps_category,
        cast(created_at as {{ dbt.type_timestamp() }}) as created_at,
        cast({{ revops.iso_week_key('created_at') }} as {{ dbt.type_string() }}) as created_iso_week
    from scored
)

select * from final
