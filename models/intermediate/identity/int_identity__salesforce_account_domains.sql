{#- One row per domain that live Salesforce accounts offer for matching
    (website domain, free-mail excluded): how many accounts share it, and
    the account when exactly one does. A domain shared by two accounts
    matches neither. Used for companies, Stripe customers and persons. -#}
with

account_records as (
    select * from {{ ref('int_identity__account_records') }}
),

account_domains as (
    select * from {{ ref('int_identity__account_domains') }}
),

live_salesforce_domains as (
    select distinct
        account_domains.domain,
        account_records.source_record_id as account_id
    from account_domains
    inner join account_records
        on account_domains.account_record_id = account_records.account_record_id
    where account_records.source_system = 'salesforce'
        and not account_records.is_deleted
        and not account_domains.is_free_mail
),

final as (
    select
        domain,
        count(*) as account_count,
        case when count(*) = 1 then min(account_id) end as account_id
    from live_salesforce_domains
    group by domain
)

select * from final
