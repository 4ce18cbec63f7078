{#- Every quarantine model, in contract order; one union so data-health
    metrics count quarantined rows per system and table in one place. -#}
{%- set quarantine_models = [] -%}
{%- for system, tables in revops.raw_contract().items() -%}
    {%- for table_name in tables -%}
        {%- do quarantine_models.append(ref('quarantine_' ~ system ~ '__' ~ table_name)) -%}
    {%- endfor -%}
{%- endfor -%}

with

quarantined as (
    {%- for quarantine_model in quarantine_models %}
    select
        source_system,
        source_table,
        record_key,
        reason,
        column_name,
        landed_value,
        synced_at
    from {{ quarantine_model }}
    {{ "union all" if not loop.last }}
    {%- endfor %}
),

final as (
    select
        source_system,
        source_table,
        record_key,
        reason,
        column_name,
        landed_value,
        synced_at
    from quarantined
)

select * from final
