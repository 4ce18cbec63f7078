{#- Zendesk lands an organization's domains either as organization.domain_names
    (comma-separated) or, as Fivetran does, in the table domain_name (one row per
    domain; optional in the raw contract, empty when it did not land). Both are
    read, so identity matches an organization the same way whichever landed. -#}
with

organizations as (
    select * from {{ ref('stg_zendesk__organization') }}
),

domain_names as (
    select * from {{ ref('stg_zendesk__domain_name') }}
),

listed_domains as (
    select
        zendesk_organization_id,
        {{ revops.explode_list('domain_names', "','") }} as domain_item
    from organizations
    where domain_names is not null
),

landed_domains as (
    select
        zendesk_organization_id,
        domain_item
    from listed_domains

    union all

    select
        zendesk_organization_id,
        domain_name as domain_item
    from domain_names
    where not is_deleted
),

final as (
    select distinct
        zendesk_organization_id,
        {{ revops.url_domain('domain_item') }} as domain
    from landed_domains
    where
        zendesk_organization_id is not null
        and {{ revops.url_domain('domain_item') }} is not null
)

select * from final
