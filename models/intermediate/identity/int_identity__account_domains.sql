{#- One row per (account-like record, domain) it offers as matching
    evidence: a Salesforce account's or HubSpot company's website domain,
    each domain of a Zendesk organization (stg_zendesk__organization_domain,
    whichever way Zendesk's domains landed), a Stripe customer's email
    domain; flagged free-mail and internal. -#}
with

account_records as (
    select * from {{ ref('int_identity__account_records') }}
),

zendesk_organization_domains as (
    select * from {{ ref('stg_zendesk__organization_domain') }}
),

free_mail_domains as (
    {{ revops.free_mail_domains() }}
),

candidate_domains as (
    select
        account_record_id,
        domain
    from account_records
    where domain is not null

    union

    select
        account_records.account_record_id,
        zendesk_organization_domains.domain
    from zendesk_organization_domains
    inner join account_records
        on
            account_records.source_system = 'zendesk'
            and account_records.source_table = 'organization'
            and zendesk_organization_domains.zendesk_organization_id = account_records.source_record_id
),

flagged as (
    select
        candidate_domains.account_record_id,
        candidate_domains.domain,
        free_mail_domains.domain is not null as is_free_mail
    from candidate_domains
    left join free_mail_domains
        on candidate_domains.domain = free_mail_domains.domain
    where candidate_domains.domain is not null
),

final as (
    {{ revops.with_internal_flag('flagged', 'domain') }}
)

select * from final
