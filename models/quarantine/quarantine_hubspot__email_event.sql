{#- Materialised and incremental like stg_hubspot__email_event (its reject
    side): a run re-checks the landed rows of every key synced since the
    latest quarantined sync, less var('incremental_lookback_weeks'). Email
    event rules read only the row itself, so an old verdict never changes. -#}
{{
    config(
        materialized=revops.keyed_incremental_materialization(),
        incremental_strategy='delete+insert',
        unique_key='record_key',
        on_schema_change='fail'
    )
}}

{{ revops.quarantined_rows(
    'hubspot', 'email_event',
    refresh_since=revops.incremental_refresh_since('synced_at') if revops.is_incremental_from('synced_at') else none
) }}
