{#- One row per marketing touch of a live, non-internal person: each of
    their live records' creation with that record's own source (HubSpot
    original source, Salesforce lead source) and each live Salesforce
    campaign membership (at its created time, channel from the campaign
    type). Values map through channel_mapping; a non-blank unmapped value is
    'Other', a blank one is no touch. The last-touch attribution reads it. -#}
with

persons as (
    select * from {{ ref('int_funnel__person_funnel') }}
),

person_records as (
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

live_records as (
    select
        person_records.person_record_id,
        person_records.source_system,
        person_records.source_table,
        person_records.source_record_id,
        persons.person_id,
        persons.account_id
    from person_records
    inner join persons
        on person_records.person_id = persons.person_id
    where not person_records.is_deleted
),

record_touches as (
    select
        live_records.person_record_id as touch_key,
        live_records.person_id,
        live_records.account_id,
        hubspot_contacts.created_at as touched_at,
        'hubspot_contact' as touch_source,
        'hubspot' as mapping_system,
        'hs_analytics_source' as mapping_field,
        lower(trim(hubspot_contacts.analytics_source)) as source_value
    from live_records
    inner join hubspot_contacts
        on live_records.source_record_id = hubspot_contacts.hubspot_contact_id
    where live_records.source_system = 'hubspot'
        and live_records.source_table = 'contact'

    union all

    select
        live_records.person_record_id as touch_key,
        live_records.person_id,
        live_records.account_id,
        salesforce_leads.created_at as touched_at,
        'salesforce_lead' as touch_source,
        'salesforce' as mapping_system,
        'lead_source' as mapping_field,
        lower(trim(salesforce_leads.lead_source)) as source_value
    from live_records
    inner join salesforce_leads
        on live_records.source_record_id = salesforce_leads.lead_id
    where live_records.source_system = 'salesforce'
        and live_records.source_table = 'lead'

    union all

    select
        live_records.person_record_id as touch_key,
        live_records.person_id,
        live_records.account_id,
        salesforce_contacts.created_at as touched_at,
        'salesforce_contact' as touch_source,
        'salesforce' as mapping_system,
        'lead_source' as mapping_field,
        lower(trim(salesforce_contacts.lead_source)) as source_value
    from live_records
    inner join salesforce_contacts
        on live_records.source_record_id = salesforce_contacts.contact_id
    where live_records.source_system = 'salesforce'
        and live_records.source_table = 'contact'
),

live_campaign_members as (
    {{ revops.live_campaign_members() }}
),

campaign_touches as (
    select
        live_campaign_members.campaign_member_id as touch_key,
        live_records.person_id,
        live_records.account_id,
        live_campaign_members.created_at as touched_at,
        'campaign_member' as touch_source,
        'salesforce' as mapping_system,
        'campaign_type' as mapping_field,
        live_campaign_members.campaign_type_normalized as source_value
    from live_campaign_members
    inner join live_records
        on live_records.source_system = 'salesforce'
            and (
                (
                    live_records.source_table = 'lead'
                    and live_campaign_members.lead_id_key
                    = {{ revops.salesforce_id_key('live_records.source_record_id') }}
                )
                or (
                    live_records.source_table = 'contact'
                    and live_campaign_members.contact_id_key
                    = {{ revops.salesforce_id_key('live_records.source_record_id') }}
                )
            )
),

touches as (
    select * from record_touches
    union all
    select * from campaign_touches
),

final as (
    select
        touches.touch_key,
        touches.person_id,
        touches.account_id,
        touches.touched_at,
        touches.touch_source,
        coalesce(channel_mapping.channel, 'Other') as channel
    from touches
    left join channel_mapping
        on touches.mapping_system = channel_mapping.source_system
            and touches.mapping_field = channel_mapping.source_field
            and touches.source_value = channel_mapping.source_value
    where nullif(touches.source_value, '') is not null
        and touches.touched_at is not null
)

select * from final
