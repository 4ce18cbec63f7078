{#- The one home of attribution: one row per attributed subject (a live
    person, an account, a live opportunity of a non-internal account) with
    the channel each attribution model credits it to.
    - First touch of a person: its earliest HubSpot contact with an original
      source (through channel_mapping), else its earliest Salesforce lead or
      contact with a lead source (undated last, ties by record id); campaign:
      that contact's source detail, else its first Salesforce campaign
      membership; salesforce_lead_source: the earliest Salesforce lead
      source. Of an account and its opportunities: its first-seen
      non-internal person's.
    - Last touch of an opportunity: the channel of the latest touch of any
      of its account's live, non-internal persons strictly before the
      opportunity was created (ties: the greater touch key), else its first
      touch. A touch is a record's creation with its own source, or a live
      Salesforce campaign membership (channel from the campaign type);
      a blank source is no touch.
    - Deal channel of an opportunity: its own lead source mapped, else its
      first touch.
    Unmapped values are 'Other' (revops.with_mapped_channel); no channel at
    all is null (readers show 'Unknown'). -#}
with

record_facts as (
    select * from {{ ref('int_identity__person_record_facts') }}
),

person_profiles as (
    select * from {{ ref('int_identity__person_profiles') }}
),

person_accounts as (
    select * from {{ ref('int_identity__person_accounts') }}
),

opportunities as (
    select * from {{ ref('int_sales__opportunities') }}
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
    select * from record_facts
    where person_id is not null
),

hubspot_records as (
    select * from live_records
    where touch_source = 'hubspot_contact'
),

salesforce_records as (
    select * from live_records
    where touch_source in ('salesforce_lead', 'salesforce_contact')
),

first_hubspot_touches as (
    {{ revops.first_touch_record('hubspot_records', 'source_value', ['source_detail', 'channel']) }}
),

first_salesforce_touches as (
    {{ revops.first_touch_record('salesforce_records', 'source_value', ['channel']) }}
),

live_campaign_members as (
    {{ revops.live_campaign_members() }}
),

mapped_campaign_members as (
    {{ revops.with_mapped_channel(
        'live_campaign_members', "'salesforce'", "'campaign_type'", 'campaign_type_normalized'
    ) }}
),

person_campaign_memberships as (
    select
        salesforce_records.person_id,
        salesforce_records.is_internal,
        mapped_campaign_members.campaign_member_id,
        mapped_campaign_members.created_at,
        mapped_campaign_members.campaign_name,
        case
            when nullif(trim(mapped_campaign_members.campaign_type_normalized), '') is not null
                then mapped_campaign_members.channel
        end as channel
    from salesforce_records
    inner join mapped_campaign_members
        on (
            salesforce_records.touch_source = 'salesforce_lead'
            and salesforce_records.salesforce_id_key = mapped_campaign_members.lead_id_key
        )
        or (
            salesforce_records.touch_source = 'salesforce_contact'
            and salesforce_records.salesforce_id_key = mapped_campaign_members.contact_id_key
        )
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

person_first_touches as (
    select
        person_profiles.person_id,
        person_profiles.first_seen_at,
        person_profiles.is_internal,
        first_salesforce_touches.source_value as salesforce_lead_source,
        case
            when first_hubspot_touches.person_id is not null then first_hubspot_touches.channel
            when first_salesforce_touches.person_id is not null then first_salesforce_touches.channel
        end as first_touch_channel,
        coalesce(
            nullif(trim(first_hubspot_touches.source_detail), ''),
            first_campaigns.campaign_name
        ) as first_touch_campaign
    from person_profiles
    left join first_hubspot_touches
        on person_profiles.person_id = first_hubspot_touches.person_id
    left join first_salesforce_touches
        on person_profiles.person_id = first_salesforce_touches.person_id
    left join first_campaigns
        on person_profiles.person_id = first_campaigns.person_id
),

-- acquisition context is the account's first-seen non-internal person's
account_first_touches as (
    select *
    from (
        select
            person_first_touches.*,
            person_accounts.account_id,
            row_number() over (
                partition by person_accounts.account_id
                order by person_first_touches.first_seen_at asc nulls last, person_first_touches.person_id asc
            ) as person_rank
        from person_accounts
        inner join person_first_touches
            on person_accounts.person_id = person_first_touches.person_id
        where person_accounts.account_id is not null
            and not person_first_touches.is_internal
    ) as ranked
    where person_rank = 1
),

-- every touch of a live, non-internal person that has an account
account_touches as (
    select
        live_records.person_record_id as touch_key,
        person_accounts.account_id,
        live_records.created_at as touched_at,
        live_records.touch_source,
        live_records.channel
    from live_records
    inner join person_accounts
        on live_records.person_id = person_accounts.person_id
    where not live_records.is_internal

    union all

    select
        person_campaign_memberships.campaign_member_id as touch_key,
        person_accounts.account_id,
        person_campaign_memberships.created_at as touched_at,
        'campaign_member' as touch_source,
        person_campaign_memberships.channel
    from person_campaign_memberships
    inner join person_accounts
        on person_campaign_memberships.person_id = person_accounts.person_id
    where not person_campaign_memberships.is_internal
),

touches_before_creation as (
    select
        opportunities.opportunity_id,
        account_touches.channel,
        account_touches.touched_at,
        account_touches.touch_source,
        row_number() over (
            partition by opportunities.opportunity_id
            order by account_touches.touched_at desc, account_touches.touch_key desc
        ) as touch_rank
    from opportunities
    inner join account_touches
        on opportunities.account_id = account_touches.account_id
            and opportunities.created_at > account_touches.touched_at
    where account_touches.channel is not null
),

last_touches as (
    select * from touches_before_creation
    where touch_rank = 1
),

mapped_opportunities as (
    {{ revops.with_mapped_channel('opportunities', "'salesforce'", "'lead_source'", 'lead_source') }}
),

person_rows as (
    select
        'person' as subject_type,
        person_id as subject_id,
        first_touch_channel,
        first_touch_campaign,
        salesforce_lead_source,
        cast(null as {{ dbt.type_string() }}) as last_touch_channel,
        cast(null as {{ dbt.type_timestamp() }}) as last_touch_at,
        cast(null as {{ dbt.type_string() }}) as last_touch_source,
        cast(null as {{ dbt.type_string() }}) as deal_channel
    from person_first_touches
),

account_rows as (
    select
        'account' as subject_type,
        account_id as subject_id,
        first_touch_channel,
        first_touch_campaign,
        salesforce_lead_source,
        cast(null as {{ dbt.type_string() }}) as last_touch_channel,
        cast(null as {{ dbt.type_timestamp() }}) as last_touch_at,
        cast(null as {{ dbt.type_string() }}) as last_touch_source,
        cast(null as {{ dbt.type_string() }}) as deal_channel
    from account_first_touches
),

opportunity_rows as (
    select
        'opportunity' as subject_type,
        mapped_opportunities.opportunity_id as subject_id,
        account_first_touches.first_touch_channel,
        account_first_touches.first_touch_campaign,
        account_first_touches.salesforce_lead_source,
        coalesce(last_touches.channel, account_first_touches.first_touch_channel) as last_touch_channel,
        last_touches.touched_at as last_touch_at,
        last_touches.touch_source as last_touch_source,
        case
            when nullif(trim(mapped_opportunities.lead_source), '') is not null
                then mapped_opportunities.channel
            else account_first_touches.first_touch_channel
        end as deal_channel
    from mapped_opportunities
    left join account_first_touches
        on mapped_opportunities.account_id = account_first_touches.account_id
    left join last_touches
        on mapped_opportunities.opportunity_id = last_touches.opportunity_id
),

unioned as (
    select * from person_rows
    union all
    select * from account_rows
    union all
    select * from opportunity_rows
),

final as (
    select
        cast(subject_type as {{ dbt.type_string() }}) as subject_type,
        cast(subject_id as {{ dbt.type_string() }}) as subject_id,
        cast(first_touch_channel as {{ dbt.type_string() }}) as first_touch_channel,
        cast(first_touch_campaign as {{ dbt.type_string() }}) as first_touch_campaign,
        cast(salesforce_lead_source as {{ dbt.type_string() }}) as salesforce_lead_source,
        cast(last_touch_channel as {{ dbt.type_string() }}) as last_touch_channel,
        cast(last_touch_at as {{ dbt.type_timestamp() }}) as last_touch_at,
        cast(last_touch_source as {{ dbt.type_string() }}) as last_touch_source,
        cast(deal_channel as {{ dbt.type_string() }}) as deal_channel
    from unioned
)

select * from final
