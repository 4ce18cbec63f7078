{#- Live Salesforce campaign memberships: members of an existing campaign,
    neither member nor campaign deleted, with the comparable keys
    (revops.salesforce_id_key) of the lead and contact they belong to. A
    person's first campaign and its marketing touches read memberships
    through this one definition. The body of a CTE; the arguments name the
    import CTEs of stg_salesforce__campaign_member and
    stg_salesforce__campaign. -#}
{% macro live_campaign_members(campaign_members='campaign_members', campaigns='campaigns') -%}
    select
        {{ campaign_members }}.campaign_member_id,
        {{ revops.salesforce_id_key(campaign_members ~ '.lead_id') }} as lead_id_key,
        {{ revops.salesforce_id_key(campaign_members ~ '.contact_id') }} as contact_id_key,
        {{ campaign_members }}.created_at,
        {{ campaigns }}.campaign_name,
        {{ campaigns }}.campaign_type_normalized
    from {{ campaign_members }}
    inner join {{ campaigns }}
        on {{ revops.salesforce_id_key(campaign_members ~ '.campaign_id') }}
            = {{ revops.salesforce_id_key(campaigns ~ '.campaign_id') }}
    where not {{ campaign_members }}.is_deleted
        and not {{ campaigns }}.is_deleted
{%- endmacro %}
