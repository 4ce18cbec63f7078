{#- Fails when label propagation stopped before every component settled:
    one row per explicit link, or per email, whose records carry different
    component labels. `model` holds one row per live person record with
    person_record_id, email and component_record_id; `links` holds the
    explicit record-to-record links. -#}
{% test identity_resolution_converged(model, links) %}
with

resolved as (
    select
        person_record_id,
        email,
        component_record_id
    from {{ model }}
    where component_record_id is not null
),

split_links as (
    select
        {{ dbt.concat(["'link '", "person_links.person_record_id", "' - '", "person_links.linked_person_record_id"]) }} as unsettled_edge
    from {{ links }} as person_links
    inner join resolved as record_side
        on person_links.person_record_id = record_side.person_record_id
    inner join resolved as linked_side
        on person_links.linked_person_record_id = linked_side.person_record_id
    where record_side.component_record_id <> linked_side.component_record_id
),

split_emails as (
    select {{ dbt.concat(["'email '", "email"]) }} as unsettled_edge
    from resolved
    where email is not null
    group by email
    having count(distinct component_record_id) > 1
),

unsettled as (
    select unsettled_edge from split_links
    union all
    select unsettled_edge from split_emails
)

select
    unsettled_edge,
    'identity resolution did not converge in {{ var("identity_max_iterations", 10) }} rounds: raise the var identity_max_iterations' as remedy
from unsettled
{% endtest %}
