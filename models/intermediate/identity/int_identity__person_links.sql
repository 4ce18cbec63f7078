{#- One row per explicit link between two live person records (the email
    link is implicit: records sharing an email). A link counts only when
    both ends exist and are not deleted; Salesforce ids compare on their
    first 15 characters. -#}
with

person_records as (
    select * from {{ ref('int_identity__person_records') }}
),

live_records as (
    select
        person_record_id,
        source_system,
        source_table,
        source_record_id,
        {{ revops.salesforce_id_key('source_record_id') }} as salesforce_id_key,
        salesforce_lead_id,
        salesforce_contact_id,
        converted_contact_id,
        merged_vids
    from person_records
    where not is_deleted
),

salesforce_leads as (
    select * from live_records
    where source_system = 'salesforce' and source_table = 'lead'
),

salesforce_contacts as (
    select * from live_records
    where source_system = 'salesforce' and source_table = 'contact'
),

hubspot_contacts as (
    select * from live_records
    where source_system = 'hubspot' and source_table = 'contact'
),

conversion_links as (
    select
        salesforce_leads.person_record_id,
        salesforce_contacts.person_record_id as linked_person_record_id,
        'salesforce_conversion' as link_rule
    from salesforce_leads
    inner join salesforce_contacts
        on {{ revops.salesforce_id_key('salesforce_leads.converted_contact_id') }}
            = salesforce_contacts.salesforce_id_key
),

hubspot_lead_links as (
    select
        hubspot_contacts.person_record_id,
        salesforce_leads.person_record_id as linked_person_record_id,
        'hubspot_salesforce_id' as link_rule
    from hubspot_contacts
    inner join salesforce_leads
        on {{ revops.salesforce_id_key('hubspot_contacts.salesforce_lead_id') }} = salesforce_leads.salesforce_id_key
),

hubspot_contact_links as (
    select
        hubspot_contacts.person_record_id,
        salesforce_contacts.person_record_id as linked_person_record_id,
        'hubspot_salesforce_id' as link_rule
    from hubspot_contacts
    inner join salesforce_contacts
        on {{ revops.salesforce_id_key('hubspot_contacts.salesforce_contact_id') }}
            = salesforce_contacts.salesforce_id_key
),

merged_vid_items as (
    select
        person_record_id,
        {{ revops.explode_list('merged_vids', "';'") }} as merged_vid_item
    from hubspot_contacts
    where merged_vids is not null
),

merged_vids as (
    -- 'vid:timestamp' or a plain 'vid'
    select
        person_record_id,
        trim({{ dbt.split_part('merged_vid_item', "':'", 1) }}) as merged_vid
    from merged_vid_items
),

hubspot_merge_links as (
    select distinct
        merged_vids.person_record_id,
        hubspot_contacts.person_record_id as linked_person_record_id,
        'hubspot_merge' as link_rule
    from merged_vids
    inner join hubspot_contacts
        on merged_vids.merged_vid = hubspot_contacts.source_record_id
    where merged_vids.person_record_id <> hubspot_contacts.person_record_id
),

final as (
    select
        person_record_id,
        linked_person_record_id,
        link_rule
    from conversion_links
    union all
    select
        person_record_id,
        linked_person_record_id,
        link_rule
    from hubspot_lead_links
    union all
    select
        person_record_id,
        linked_person_record_id,
        link_rule
    from hubspot_contact_links
    union all
    select
        person_record_id,
        linked_person_record_id,
        link_rule
    from hubspot_merge_links
)

select * from final
