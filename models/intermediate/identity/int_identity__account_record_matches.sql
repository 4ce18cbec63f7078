{#- One row per staged account-like record: the account it resolves to and
    the rule that matched. Live Salesforce accounts are the masters. Other
    records, strongest rule first: a manual override (seed
    identity_account_overrides), the Salesforce account id they name (15 or
    18 characters) when it is a live account, else their domain(s) when
    they point to exactly one live account. Free-mail domains never match;
    a domain shared by two accounts matches neither. Unmatched Stripe
    customers become their own account ('stripe:<customer id>'). -#}
with

account_records as (
    select * from {{ ref('int_identity__account_records') }}
),

account_domains as (
    select * from {{ ref('int_identity__account_domains') }}
),

salesforce_account_domains as (
    select * from {{ ref('int_identity__salesforce_account_domains') }}
),

overrides as (
    select * from {{ ref('identity_account_overrides') }}
),

live_salesforce_accounts as (
    select
        source_record_id as account_id,
        {{ revops.salesforce_id_key('source_record_id') }} as salesforce_id_key
    from account_records
    where source_system = 'salesforce'
        and not is_deleted
),

record_overrides as (
    -- an override naming a live account by its 15-character id gets the
    -- 18-character one; anything else (a Stripe-own account) is kept as is
    select
        account_records.account_record_id,
        coalesce(live_salesforce_accounts.account_id, trim(overrides.account_id)) as account_id
    from overrides
    inner join account_records
        on lower(trim(overrides.source_system)) = account_records.source_system
            and lower(trim(overrides.source_table)) = account_records.source_table
            and trim(overrides.source_record_id) = account_records.source_record_id
    left join live_salesforce_accounts
        on {{ revops.salesforce_id_key('overrides.account_id') }} = live_salesforce_accounts.salesforce_id_key
    where account_records.source_system <> 'salesforce'
),

named_accounts as (
    select
        account_records.account_record_id,
        live_salesforce_accounts.account_id
    from account_records
    inner join live_salesforce_accounts
        on {{ revops.salesforce_id_key('account_records.named_account_id') }}
            = live_salesforce_accounts.salesforce_id_key
    where account_records.source_system <> 'salesforce'
),

domain_evidence as (
    select
        account_domains.account_record_id,
        account_domains.domain,
        account_domains.is_free_mail,
        account_domains.is_internal,
        salesforce_account_domains.account_id,
        coalesce(salesforce_account_domains.account_count, 0) as account_count
    from account_domains
    left join salesforce_account_domains
        on account_domains.domain = salesforce_account_domains.domain
            and not account_domains.is_free_mail
),

domain_summary as (
    select
        account_record_id,
        {{ revops.domain_match_summary() }},
        max(case when is_internal then 1 else 0 end) = 1 as has_internal_domain
    from domain_evidence
    group by account_record_id
),

resolved as (
    select
        account_records.account_record_id,
        account_records.source_system,
        account_records.source_table,
        account_records.source_record_id,
        account_records.email,
        account_records.named_account_id,
        account_records.is_deleted,
        domain_summary.domain_tried,
        account_records.is_internal or coalesce(domain_summary.has_internal_domain, false) as is_internal,
        case
            when account_records.is_deleted then 'deleted'
            when account_records.source_system = 'salesforce' then 'salesforce_master'
            when record_overrides.account_id is not null then 'override'
            when named_accounts.account_id is not null then 'explicit_id'
            when domain_summary.matched_account_count = 1 then 'domain'
            when account_records.source_system = 'stripe' then 'stripe_own_account'
            else 'unmatched'
        end as match_rule,
        case
            when account_records.is_deleted then null
            when account_records.source_system = 'salesforce' then account_records.source_record_id
            when record_overrides.account_id is not null then record_overrides.account_id
            when named_accounts.account_id is not null then named_accounts.account_id
            when domain_summary.matched_account_count = 1 then domain_summary.matched_account_id
            when account_records.source_system = 'stripe'
                then {{ dbt.concat(["'stripe:'", "account_records.source_record_id"]) }}
        end as account_id,
        -- why no Salesforce account was found (the most actionable reason)
        case
            when account_records.named_account_id is not null then 'explicit_id_not_found'
            when domain_summary.matched_account_count > 1 or domain_summary.has_ambiguous_domain
                then 'ambiguous_domain'
            when account_records.source_system = 'stripe' and account_records.email is null then 'no_email'
            when domain_summary.account_record_id is not null and not domain_summary.has_company_domain
                then 'free_mail_domain'
            else 'no_candidate'
        end as reason_if_unmatched
    from account_records
    left join record_overrides
        on account_records.account_record_id = record_overrides.account_record_id
    left join named_accounts
        on account_records.account_record_id = named_accounts.account_record_id
    left join domain_summary
        on account_records.account_record_id = domain_summary.account_record_id
),

final as (
    select
        account_record_id,
        source_system,
        source_table,
        source_record_id,
        account_id,
        match_rule,
        domain_tried,
        is_deleted,
        is_internal,
        match_rule in ('salesforce_master', 'explicit_id', 'domain')
        or (match_rule = 'override' and account_id not like 'stripe:%') as is_salesforce_account,
        case
            when match_rule in ('stripe_own_account', 'unmatched') then reason_if_unmatched
        end as unmatched_reason
    from resolved
)

select * from final
