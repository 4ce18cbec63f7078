{#- One row per staged HubSpot contact, Salesforce lead and Salesforce
    contact (deleted and unresolved ones included): the person record of
    int_identity__person_components joined back to its own source row once,
    with the facts the funnel, attribution and reconciliation read. The
    marketing source (HubSpot original source, Salesforce lead source) maps
    to a channel (revops.with_mapped_channel: unmapped 'Other'; a blank
    value is no touch, null). converted_at applies the metrics spec's rule:
    an explicitly unconverted lead has no SQL date. -#}
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

channel_mapping as (
    select * from {{ ref('int_reference__channel_mapping') }}
),

source_rows as (
    select
        person_components.person_record_id,
        'hubspot_contact' as touch_source,
        'hubspot' as mapping_system,
        'hs_analytics_source' as mapping_field,
        hubspot_contacts.created_at,
        hubspot_contacts.analytics_source as source_value,
        hubspot_contacts.analytics_source_detail as source_detail,
        hubspot_contacts.mql_at,
        hubspot_contacts.sql_at,
        cast(null as {{ dbt.type_timestamp() }}) as converted_at
    from person_components
    inner join hubspot_contacts
        on person_components.source_record_id = hubspot_contacts.hubspot_contact_id
    where person_components.source_system = 'hubspot'
        and person_components.source_table = 'contact'

    union all

    select
        person_components.person_record_id,
        'salesforce_lead' as touch_source,
        'salesforce' as mapping_system,
        'lead_source' as mapping_field,
        salesforce_leads.created_at,
        salesforce_leads.lead_source as source_value,
        cast(null as {{ dbt.type_string() }}) as source_detail,
        cast(null as {{ dbt.type_timestamp() }}) as mql_at,
        cast(null as {{ dbt.type_timestamp() }}) as sql_at,
        case
            when coalesce(salesforce_leads.is_converted, true)
                then cast(salesforce_leads.converted_date as {{ dbt.type_timestamp() }})
        end as converted_at
    from person_components
    inner join salesforce_leads
        on person_components.source_record_id = salesforce_leads.lead_id
    where person_components.source_system = 'salesforce'
        and person_components.source_table = 'lead'

    union all

    select
        person_components.person_record_id,
        'salesforce_contact' as touch_source,
        'salesforce' as mapping_system,
        'lead_source' as mapping_field,
        salesforce_contacts.created_at,
        salesforce_contacts.lead_source as source_value,
        cast(null as {{ dbt.type_string() }}) as source_detail,
        cast(null as {{ dbt.type_timestamp() }}) as mql_at,
        cast(null as {{ dbt.type_timestamp() }}) as sql_at,
        cast(null as {{ dbt.type_timestamp() }}) as converted_at
    from person_components
    inner join salesforce_contacts
        on person_components.source_record_id = salesforce_contacts.contact_id
    where person_components.source_system = 'salesforce'
        and person_components.source_table = 'contact'
),

mapped_rows as (
    {{ revops.with_mapped_channel(
        'source_rows', 'source_rows.mapping_system', 'source_rows.mapping_field', 'source_value'
    ) }}
),

final as (
    select
        person_components.person_record_id,
        person_components.person_id,
        person_components.match_rule,
        person_components.source_system,
        person_components.source_table,
        person_components.source_record_id,
        case
            when person_components.source_system = 'salesforce'
                then {{ revops.salesforce_id_key('person_components.source_record_id') }}
        end as salesforce_id_key,
        mapped_rows.touch_source,
        mapped_rows.created_at,
        person_components.is_deleted,
        person_components.is_internal,
        mapped_rows.source_value,
        mapped_rows.source_detail,
        case when nullif(trim(mapped_rows.source_value), '') is not null then mapped_rows.channel end as channel,
        mapped_rows.mql_at,
        mapped_rows.sql_at,
        mapped_rows.converted_at
    from mapped_rows
    inner join person_components
        on mapped_rows.person_record_id = person_components.person_record_id
)

select * from final
