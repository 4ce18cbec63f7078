{#- One row per resolved person: what its live records say together. The
    email of its most recently created record that has one, first seen,
    record counts per tool, first touch (the earliest HubSpot contact's
    original source mapped through channel_mapping, else the earliest
    Salesforce lead or contact's lead source; unmapped values are 'Other';
    campaign = that contact's source detail, else the first Salesforce
    campaign membership), and the raw earliest funnel dates (lead, MQL,
    SQL) that the funnel models refine. -#}
with

person_components as (
    select * from {{ ref('int_identity__person_components') }}
),

hubspot_contacts as (
    select * from {{ ref('stg_hubspot__contact') }}
),

salesforce_leads as (
    select * from {{ ref('stg_salesforce__lead') }}
),

salesforce_contacts as (
    select * from {{ ref('stg_salesforce__contact') }}
),

campaign_members as (
    select * from {{ ref('stg_salesforce__campaign_member') }}
),

campaigns as (
    select * from {{ ref('stg_salesforce__campaign') }}
),

channel_mapping as (
    select * from {{ ref('int_reference__channel_mapping') }}
),

free_mail_domains as (
    {{ revops.free_mail_domains() }}
),

live_records as (
    select * from person_components
    where person_id is not null
),

hubspot_records as (
    select
        live_records.person_id,
        live_records.person_record_id,
        hubspot_contacts.created_at,
        hubspot_contacts.analytics_source,
        hubspot_contacts.analytics_source_detail,
        hubspot_contacts.mql_at,
        hubspot_contacts.sql_at
    from live_records
    inner join hubspot_contacts
        on live_records.source_record_id = hubspot_contacts.hubspot_contact_id
    where live_records.source_system = 'hubspot'
        and live_records.source_table = 'contact'
),

salesforce_records as (
    select
        live_records.person_id,
        live_records.person_record_id,
        salesforce_leads.created_at,
        salesforce_leads.lead_source,
        -- an explicitly unconverted lead has no SQL date (metrics spec)
        case
            when coalesce(salesforce_leads.is_converted, true)
                then cast(salesforce_leads.converted_date as {{ dbt.type_timestamp() }})
        end as converted_at,
        salesforce_leads.lead_id,
        cast(null as {{ dbt.type_string() }}) as contact_id
    from live_records
    inner join salesforce_leads
        on live_records.source_record_id = salesforce_leads.lead_id
    where live_records.source_system = 'salesforce'
        and live_records.source_table = 'lead'

    union all

    select
        live_records.person_id,
        live_records.person_record_id,
        salesforce_contacts.created_at,
        salesforce_contacts.lead_source,
        cast(null as {{ dbt.type_timestamp() }}) as converted_at,
        cast(null as {{ dbt.type_string() }}) as lead_id,
        salesforce_contacts.contact_id
    from live_records
    inner join salesforce_contacts
        on live_records.source_record_id = salesforce_contacts.contact_id
    where live_records.source_system = 'salesforce'
        and live_records.source_table = 'contact'
),

first_hubspot_touches as (
    {{ revops.first_touch_record('hubspot_records', 'analytics_source', ['analytics_source_detail']) }}
),

first_salesforce_touches as (
    {{ revops.first_touch_record('salesforce_records', 'lead_source') }}
),

live_campaign_members as (
    {{ revops.live_campaign_members() }}
),

person_campaign_memberships as (
    select
        salesforce_records.person_id,
        live_campaign_members.campaign_member_id,
        live_campaign_members.created_at,
        live_campaign_members.campaign_name
    from salesforce_records
    inner join live_campaign_members
        on {{ revops.salesforce_id_key('salesforce_records.lead_id') }} = live_campaign_members.lead_id_key

    union all

    select
        salesforce_records.person_id,
        live_campaign_members.campaign_member_id,
        live_campaign_members.created_at,
        live_campaign_members.campaign_name
    from salesforce_records
    inner join live_campaign_members
        on {{ revops.salesforce_id_key('salesforce_records.contact_id') }} = live_campaign_members.contact_id_key
),

first_campaigns as (
    select
        person_id,
        campaign_name
    from (
        select
            person_campaign_memberships.*,
            row_number() over (
                partition by person_campaign_memberships.person_id
                order by
                    person_campaign_memberships.created_at asc nulls last,
                    person_campaign_memberships.campaign_member_id asc
            ) as membership_rank
        from person_campaign_memberships
    ) as ranked
    where membership_rank = 1
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
        first_hubspot_touches.analytics_source as hubspot_analytics_source,
        first_salesforce_touches.lead_source as salesforce_lead_source,
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
            when first_hubspot_touches.person_id is not null
                then coalesce(hubspot_channels.channel, 'Other')
            when first_salesforce_touches.person_id is not null
                then coalesce(salesforce_channels.channel, 'Other')
        end as first_touch_channel,
        coalesce(
            nullif(trim(first_hubspot_touches.analytics_source_detail), ''),
            first_campaigns.campaign_name
        ) as first_touch_campaign,
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
    left join first_hubspot_touches
        on record_summary.person_id = first_hubspot_touches.person_id
    left join channel_mapping as hubspot_channels
        on hubspot_channels.source_system = 'hubspot'
            and hubspot_channels.source_field = 'hs_analytics_source'
            and lower(trim(first_hubspot_touches.analytics_source)) = hubspot_channels.source_value
    left join first_salesforce_touches
        on record_summary.person_id = first_salesforce_touches.person_id
    left join channel_mapping as salesforce_channels
        on salesforce_channels.source_system = 'salesforce'
            and salesforce_channels.source_field = 'lead_source'
            and lower(trim(first_salesforce_touches.lead_source)) = salesforce_channels.source_value
    left join first_campaigns
        on record_summary.person_id = first_campaigns.person_id
    left join hubspot_dates
        on record_summary.person_id = hubspot_dates.person_id
    left join salesforce_dates
        on record_summary.person_id = salesforce_dates.person_id
)

select * from final
