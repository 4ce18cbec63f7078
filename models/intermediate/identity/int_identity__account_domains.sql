{#- One row per (account-like record, domain) it offers as matching
    evidence: a Salesforce account's or HubSpot company's website domain,
    each of a Zendesk organization's domain_names, a Stripe customer's email
    domain; flagged free-mail and internal. -#}
with

account_records as (
    select * from {{ ref('int_identity__account_records') }}
),

free_mail_domains as (
    {{ revops.free_mail_domains() }}
),

zendesk_domain_items as (
    select
        account_record_id,
        {{ revops.explode_list('domain_names', "','") }} as domain_item
    from account_records
    where domain_names is not null
),

candidate_domains as (
    select
        account_record_id,
        domain
    from account_records
    where domain is not null

    union

    select
        account_record_id,
        {{ revops.url_domain('domain_item') }} as domain
    from zendesk_domain_items
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
