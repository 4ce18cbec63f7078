{#- One row per resolved person (live records only): the account it belongs
    to and the rule that placed it there. Strongest first: a manual
    override on any of its records; the live account of its Salesforce
    contacts (account_id) and converted leads (converted_account_id); its
    email domains when they point to exactly one live account (free-mail
    never); else the account of its Stripe customer record. A person whose
    overrides or explicit ids name two different accounts gets none
    ('conflicting_explicit_ids'): no person belongs to two accounts. -#}
with

person_components as (
    select * from {{ ref('int_identity__person_components') }}
),

person_records as (
    select * from {{ ref('int_identity__person_records') }}
),

account_record_matches as (
    select * from {{ ref('int_identity__account_record_matches') }}
),

salesforce_account_domains as (
    select * from {{ ref('int_identity__salesforce_account_domains') }}
),

free_mail_domains as (
    {{ revops.free_mail_domains() }}
),

overrides as (
    select * from {{ ref('identity_account_overrides') }}
),

live_salesforce_accounts as (
    select
        account_id,
        {{ revops.salesforce_id_key('account_id') }} as salesforce_id_key
    from account_record_matches
    where match_rule = 'salesforce_master'
),

person_record_evidence as (
    select
        person_components.person_id,
        person_components.person_record_id,
        person_components.source_system,
        person_components.source_table,
        person_components.source_record_id,
        person_components.email,
        person_components.email_domain,
        person_components.is_internal,
        person_records.salesforce_account_id as named_account_id
    from person_components
    inner join person_records
        on person_components.person_record_id = person_records.person_record_id
    where person_components.person_id is not null
),

persons as (
    select
        person_id,
        max(case when is_internal then 1 else 0 end) = 1 as is_internal
    from person_record_evidence
    group by person_id
),

override_accounts as (
    select distinct
        person_record_evidence.person_id,
        coalesce(live_salesforce_accounts.account_id, trim(overrides.account_id)) as account_id
    from overrides
    inner join person_record_evidence
        on lower(trim(overrides.source_system)) = person_record_evidence.source_system
            and lower(trim(overrides.source_table)) = person_record_evidence.source_table
            and trim(overrides.source_record_id) = person_record_evidence.source_record_id
    left join live_salesforce_accounts
        on {{ revops.salesforce_id_key('overrides.account_id') }} = live_salesforce_accounts.salesforce_id_key
),

named_accounts as (
    select
        person_record_evidence.person_id,
        person_record_evidence.named_account_id,
        live_salesforce_accounts.account_id
    from person_record_evidence
    left join live_salesforce_accounts
        on {{ revops.salesforce_id_key('person_record_evidence.named_account_id') }}
            = live_salesforce_accounts.salesforce_id_key
    where person_record_evidence.named_account_id is not null
),

domain_evidence as (
    select distinct
        person_record_evidence.person_id,
        person_record_evidence.email_domain as domain,
        salesforce_account_domains.account_id,
        free_mail_domains.domain is not null as is_free_mail,
        coalesce(salesforce_account_domains.account_count, 0) as account_count
    from person_record_evidence
    left join free_mail_domains
        on person_record_evidence.email_domain = free_mail_domains.domain
    left join salesforce_account_domains
        on person_record_evidence.email_domain = salesforce_account_domains.domain
            and free_mail_domains.domain is null
    where person_record_evidence.email_domain is not null
),

stripe_accounts as (
    select
        person_record_evidence.person_id,
        account_record_matches.account_id
    from person_record_evidence
    inner join account_record_matches
        on person_record_evidence.source_system = account_record_matches.source_system
            and person_record_evidence.source_table = account_record_matches.source_table
            and person_record_evidence.source_record_id = account_record_matches.source_record_id
    where person_record_evidence.source_system = 'stripe'
        and account_record_matches.account_id is not null
),

override_summary as (
    select
        person_id,
        count(distinct account_id) as account_count,
        min(account_id) as account_id
    from override_accounts
    group by person_id
),

named_summary as (
    select
        person_id,
        count(distinct account_id) as account_count,
        min(account_id) as account_id
    from named_accounts
    group by person_id
),

domain_summary as (
    select
        person_id,
        {{ revops.domain_match_summary() }}
    from domain_evidence
    group by person_id
),

stripe_summary as (
    select
        person_id,
        count(distinct account_id) as account_count,
        min(account_id) as account_id
    from stripe_accounts
    group by person_id
),

resolved as (
    select
        persons.person_id,
        persons.is_internal,
        domain_summary.domain_tried,
        case
            when override_summary.account_count = 1 then 'override'
            when override_summary.account_count > 1 then 'conflicting_explicit_ids'
            when named_summary.account_count > 1 then 'conflicting_explicit_ids'
            when named_summary.account_count = 1 then 'explicit_id'
            when domain_summary.matched_account_count = 1 then 'domain'
            when stripe_summary.account_count = 1 then 'stripe_customer'
        end as match_rule,
        case
            when override_summary.account_count = 1 then override_summary.account_id
            when override_summary.account_count > 1 or named_summary.account_count > 1 then null
            when named_summary.account_count = 1 then named_summary.account_id
            when domain_summary.matched_account_count = 1 then domain_summary.matched_account_id
            when stripe_summary.account_count = 1 then stripe_summary.account_id
        end as account_id,
        case
            when override_summary.account_count > 1 or named_summary.account_count > 1
                then 'conflicting_explicit_ids'
            when named_summary.person_id is not null then 'explicit_id_not_found'
            when domain_summary.matched_account_count > 1 or domain_summary.has_ambiguous_domain
                then 'ambiguous_domain'
            when domain_summary.person_id is null then 'no_email'
            when not domain_summary.has_company_domain then 'free_mail_domain'
            else 'no_candidate'
        end as reason_if_unmatched
    from persons
    left join override_summary
        on persons.person_id = override_summary.person_id
    left join named_summary
        on persons.person_id = named_summary.person_id
    left join domain_summary
        on persons.person_id = domain_summary.person_id
    left join stripe_summary
        on persons.person_id = stripe_summary.person_id
),

final as (
    select
        resolved.person_id,
        resolved.account_id,
        resolved.domain_tried,
        resolved.is_internal,
        case when resolved.match_rule <> 'conflicting_explicit_ids' then resolved.match_rule end as account_match_rule,
        live_salesforce_accounts.account_id is not null as is_salesforce_account,
        case
            when live_salesforce_accounts.account_id is null then resolved.reason_if_unmatched
        end as unmatched_reason
    from resolved
    left join live_salesforce_accounts
        on resolved.account_id = live_salesforce_accounts.account_id
)

select * from final
