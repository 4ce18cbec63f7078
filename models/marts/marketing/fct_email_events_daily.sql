{#- Email engagement per campaign, day and event type, from the largest raw
    table. Incremental by day (delete+insert on event_date): a run rebuilds
    every day holding an event synced since the latest sync already built
    (less var('incremental_lookback_weeks') weeks), and every day of a
    campaign whose own row was synced since then (a campaign deleted late
    takes its events out of every day). Staged events are never dropped
    (deleted ones are flagged), so every rebuilt day has rows: a group whose
    events were all deleted stays, at zero. -#}
{{
    config(
        materialized=revops.keyed_incremental_materialization(),
        incremental_strategy='delete+insert',
        unique_key='event_date',
        on_schema_change='append_new_columns'
    )
}}

with

email_events as (
    select * from {{ ref('stg_hubspot__email_event') }}
),

email_campaigns as (
    select * from {{ ref('stg_hubspot__email_campaign') }}
),

{% if revops.is_incremental_from('last_synced_at') %}
    refresh_since as (
        select {{ revops.incremental_refresh_since('last_synced_at') }} as refresh_since_at
    ),

    changed_campaigns as (
        select email_campaigns.email_campaign_id
        from email_campaigns
        cross join refresh_since
        where email_campaigns.synced_at >= refresh_since.refresh_since_at
    ),

    days_to_refresh as (
        select distinct cast(email_events.created_at as date) as event_date
        from email_events
        cross join refresh_since
        where
            email_events.synced_at >= refresh_since.refresh_since_at
            or email_events.email_campaign_id in (select changed_campaigns.email_campaign_id from changed_campaigns)
    ),
{% endif %}

landed_events as (
    -- every staged event of the days to build, deleted ones included, so a
    -- day that loses all its countable events still has its rows (at zero)
    select
        email_events.*,
        cast(email_events.created_at as date) as event_date,
        not email_events.is_deleted
        and not email_events.is_internal
        and not coalesce(email_campaigns.is_deleted, false) as is_countable
    from email_events
    left join email_campaigns
        on email_events.email_campaign_id = email_campaigns.email_campaign_id
    where
        email_events.created_at is not null
        {% if revops.is_incremental_from('last_synced_at') -%}
            and cast(email_events.created_at as date) in (select days_to_refresh.event_date from days_to_refresh)
        {%- endif %}
),

daily as (
    -- countable: live events to non-internal recipients, of a campaign not
    -- deleted (an event whose campaign never landed is kept)
    select
        event_date,
        email_campaign_id,
        event_type_normalized as event_type,
        event_category,
        count(case when is_countable then email_event_id end) as events,
        count(distinct case when is_countable then email end) as recipients,
        max(synced_at) as last_synced_at
    from landed_events
    group by event_date, email_campaign_id, event_type_normalized, event_category
),

final as (
    select
        cast({{ revops.surrogate_key(['email_campaign_id', 'event_date', 'event_type']) }} as {{ dbt.type_string() }})
            as email_events_daily_id,
        cast(event_date as date) as event_date,
        cast({{ revops.iso_week_key('event_date') }} as {{ dbt.type_string() }}) as iso_week,
        cast(email_campaign_id as {{ dbt.type_string() }}) as email_campaign_id,
        cast(event_type as {{ dbt.type_string() }}) as event_type,
        cast(event_category as {{ dbt.type_string() }}) as event_category,
        cast(events as {{ dbt.type_bigint() }}) as events,
        cast(recipients as {{ dbt.type_bigint() }}) as recipients,
        cast(last_synced_at as {{ dbt.type_timestamp() }}) as last_synced_at
    from daily
)

select * from final
