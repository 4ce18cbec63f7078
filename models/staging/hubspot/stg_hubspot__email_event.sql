{#- The largest raw table (about 14 million rows at scale 50): materialised,
    and incremental by key. A run re-stages every event id with a landed row
    synced since the latest sync already staged, less
    var('incremental_lookback_weeks'), from all landed rows of that id, so
    latest load and landed_row_count match a full refresh. Change the
    internal domains seed -> run with --full-refresh. -#}
{{
    config(
        materialized=revops.keyed_incremental_materialization(),
        incremental_strategy='delete+insert',
        unique_key='email_event_id',
        on_schema_change='fail'
    )
}}

with

landed as (
    {{ revops.select_landed_columns(
        'hubspot', 'email_event',
        refresh_since=revops.incremental_refresh_since('synced_at') if revops.is_incremental_from('synced_at') else none
    ) }}
),

latest as (
    {{ revops.latest_load('landed', ['id']) }}
),

event_types as (
    {{ revops.picklist_values('hubspot', 'email_event', 'type') }}
),

typed as (
    select
        latest.*,
        event_types.mapped_value as mapped_event_type
    from latest
    left join event_types
        on lower(trim(latest.type)) = event_types.value_key
),

renamed as (
    select
        id as email_event_id,
        email_campaign_id,
        trim(type) as event_type,
        -- HubSpot's event types are upper-case codes (SENT, OPEN, ...)
        {{ revops.normalize_code('type') }} as event_type_normalized,
        -- sent, delivered, open, click, bounce, unsubscribe or other (picklist mapping seed)
        {{ revops.mapped_picklist_value('type', 'mapped_event_type') }} as event_category,
        {{ revops.normalize_email('recipient') }} as email,
        {{ revops.email_domain('recipient') }} as email_domain,
        created as created_at,
        coalesce(_fivetran_deleted, false) as is_deleted,
        _fivetran_synced as synced_at,
        landed_row_count
    from typed
),

final as (
    {{ revops.with_internal_flag('renamed', 'email_domain') }}
)

select * from final
