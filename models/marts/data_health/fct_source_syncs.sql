{#- One row per landed raw table: rows, deleted rows and the last load. A
    deleted row still proves a sync; a table with no rows has no last load.
    The list of tables is the raw contract's, so a new source table is
    added here in the same change. -#}
{%- set raw_tables = [
    ('ad_reporting', 'url_report'),
    ('delighted', 'person'),
    ('delighted', 'response'),
    ('finance', 'fx_rate'),
    ('hubspot', 'contact'),
    ('hubspot', 'company'),
    ('hubspot', 'email_campaign'),
    ('hubspot', 'email_event'),
    ('hubspot', 'form'),
    ('hubspot', 'contact_form_submission'),
    ('salesforce', 'account'),
    ('salesforce', 'contact'),
    ('salesforce', 'lead'),
    ('salesforce', 'opportunity'),
    ('salesforce', 'opportunity_history'),
    ('salesforce', 'campaign'),
    ('salesforce', 'campaign_member'),
    ('salesforce', 'user'),
    ('stripe', 'customer'),
    ('stripe', 'product'),
    ('stripe', 'price'),
    ('stripe', 'subscription'),
    ('stripe', 'subscription_item'),
    ('stripe', 'invoice'),
    ('stripe', 'invoice_line_item'),
    ('zendesk', 'organization'),
    ('zendesk', 'user'),
    ('zendesk', 'ticket'),
    ('zendesk', 'ticket_field_history'),
    ('zendesk', 'ticket_comment'),
    ('zendesk', 'satisfaction_rating')
] %}

with

syncs as (
    {%- for system, table_name in raw_tables %}
    select
        '{{ system }}' as source_system,
        '{{ table_name }}' as source_table,
        coalesce(sum(landed_row_count), 0) as landed_rows,
        count(*) as staged_rows,
        coalesce(sum(case when is_deleted then 1 else 0 end), 0) as deleted_rows,
        max(synced_at) as last_synced_at
    from {{ ref('stg_' ~ system ~ '__' ~ table_name) }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

final as (
    select
        source_system,
        source_table,
        cast(landed_rows as {{ dbt.type_bigint() }}) as landed_rows,
        cast(staged_rows as {{ dbt.type_bigint() }}) as staged_rows,
        cast(deleted_rows as {{ dbt.type_bigint() }}) as deleted_rows,
        last_synced_at
    from syncs
)

select * from final
