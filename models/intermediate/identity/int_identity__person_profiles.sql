{#- One row per resolved person: what its live records say together. The
    email of its most recently created record that has one, first seen,
    record counts per tool, and the raw earliest funnel dates (lead, MQL,
    SQL) from its HubSpot contacts and Salesforce leads and contacts
    (int_identity__person_record_facts) that the funnel models refine.
    Its first touch is int_attribution__channels'. -#}
with

person_components as (
    select * from {{ ref('int_identity__person_components') }}
),

record_facts as (
    select * from {{ ref('int_identity__person_record_facts') }}
),

free_mail_domains as (
    {{ revops.free_mail_domains() }}
),

live_records as (
    select * from person_components
    where person_id is not null
),

hubspot_records as (
    select * from record_facts
    where person_id is not null
        and touch_source = 'hubspot_contact'
),

salesforce_records as (
    select * from record_facts
    where person_id is not null
        and touch_source in ('salesforce_lead', 'salesforce_contact')
),

latest_emails as (
    select
        person_id,
        email,
        email_domain
    from (
        select
            live_records.*,
            row_number() over (
                partition by live_records.person_id
                order by live_records.created_at desc nulls last, live_records.person_record_id desc
            ) as email_rank
        from live_records
        where live_records.email is not null
    ) as ranked
    where email_rank = 1
),

record_summary as (
    select
        person_id,
        max(case when is_internal then 1 else 0 end) = 1 as is_internal,
        min(created_at) as first_seen_at,
        count(*) as record_count,
        sum(case when source_system = 'hubspot' and source_table = 'contact' then 1 else 0 end)
            as hubspot_contact_count,
        sum(case when source_system = 'salesforce' and source_table = 'lead' then 1 else 0 end)
            as salesforce_lead_count,
        sum(case when source_system = 'salesforce' and source_table = 'contact' then 1 else 0 end)
            as salesforce_contact_count,
        sum(case when source_system = 'zendesk' and source_table = 'user' then 1 else 0 end) as zendesk_user_count,
        sum(case when source_system = 'delighted' and source_table = 'person' then 1 else 0 end)
            as delighted_person_count,
        sum(case when source_system = 'stripe' and source_table = 'customer' then 1 else 0 end) as stripe_customer_count
    from live_records
    group by person_id
),

hubspot_dates as (
    select
        person_id,
        min(created_at) as created_at,
        min(mql_at) as mql_at,
        min(sql_at) as sql_at
    from hubspot_records
    group by person_id
),

salesforce_dates as (
    select
        person_id,
        min(created_at) as created_at,
        min(converted_at) as converted_at
    from salesforce_records
    group by person_id
),

final as (
    select
        record_summary.person_id,
        latest_emails.email,
        latest_emails.email_domain,
        record_summary.is_internal,
        record_summary.first_seen_at,
        record_summary.record_count,
        record_summary.hubspot_contact_count,
        record_summary.salesforce_lead_count,
        record_summary.salesforce_contact_count,
        record_summary.zendesk_user_count,
        record_summary.delighted_person_count,
        record_summary.stripe_customer_count,
        hubspot_dates.mql_at,
        free_mail_domains.domain is not null as is_free_mail,
        case
            when hubspot_dates.created_at is null then salesforce_dates.created_at
            when salesforce_dates.created_at is null then hubspot_dates.created_at
            when hubspot_dates.created_at <= salesforce_dates.created_at then hubspot_dates.created_at
            else salesforce_dates.created_at
        end as lead_at,
        case
            when hubspot_dates.sql_at is null then salesforce_dates.converted_at
            when salesforce_dates.converted_at is null then hubspot_dates.sql_at
            when hubspot_dates.sql_at <= salesforce_dates.converted_at then hubspot_dates.sql_at
            else salesforce_dates.converted_at
        end as sql_at
    from record_summary
    left join latest_emails
        on record_summary.person_id = latest_emails.person_id
    left join free_mail_domains
        on latest_emails.email_domain = free_mail_domains.domain
    left join hubspot_dates
        on record_summary.person_id = hubspot_dates.person_id
    left join salesforce_dates
        on record_summary.person_id = salesforce_dates.person_id
)

select * from final
