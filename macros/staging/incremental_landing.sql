{#- Incremental staging of a large raw table (one that grows by appends, such
    as HubSpot email events): a run re-stages every key that has a landed row
    synced since `refresh_since`, from ALL of that key's landed rows, so the
    latest load and landed_row_count come out exactly as in a full refresh.

    Only tables whose row-level rules read nothing but the row itself may be
    staged this way: a rule that reads another table (references, a known
    stage or currency) can change the verdict on an old row when that other
    table changes, which a run looking at new rows only would miss. -#}

{#- True for landed rows (alias) of the keys that have a row synced since
    `refresh_since`, or whose sync time does not parse (those are always
    re-read: they cannot be placed in time). -#}
{% macro landed_keys_to_refresh(source_name, table_name, refresh_since, alias='landed_raw') -%}
    {%- set contract = revops.raw_contract()[source_name][table_name] -%}
    {%- for name, data_type, optional, rules in contract['columns'] -%}
        {%- for rule in rules if rule['rule'] in ('references', 'known_stage', 'known_currency') -%}
            {{ exceptions.raise_compiler_error(
                source_name ~ "." ~ table_name ~ " cannot be staged incrementally: its rule "
                ~ rule['rule'] ~ " on " ~ name ~ " reads another table.") }}
        {%- endfor -%}
    {%- endfor -%}
    {%- set conformed = revops.conformed_landing(source_name, table_name) -%}
    {#- a table that lands without a sync time cannot be placed in time: every key is re-read -#}
    {%- if '_fivetran_synced' not in conformed['columns'] -%}
    1 = 1
    {%- else -%}
    {{ revops.landed_key(contract['key'], alias) }} in (
        select {{ revops.landed_key(contract['key'], 'changed_raw') }}
        from {{ conformed['sql'] }} as changed_raw
        where coalesce({{ revops.landed_synced_at('changed_raw', conformed['kinds']) }} >= {{ refresh_since }}, true)
    )
    {%- endif -%}
{%- endmacro %}

{#- A landed row's key as one text value (blank for a null key), the same
    expression quarantine models use as record_key. -#}
{% macro landed_key(key_columns, alias) -%}
    {%- set parts = [] -%}
    {%- for key_column in key_columns -%}
        {%- do parts.append("coalesce(" ~ revops.parse_text(revops.quarantine_column(alias, key_column)) ~ ", '')") -%}
    {%- endfor -%}
    {%- if parts | length > 1 -%}
        {{ dbt.concat(revops.quarantine_key_list(parts)) }}
    {%- else -%}
        {{ parts[0] }}
    {%- endif -%}
{%- endmacro %}

{#- The instant from which an incremental model re-reads landed rows: the
    latest sync it already holds, less var('incremental_lookback_weeks')
    weeks, for loads that commit out of order. -#}
{% macro incremental_refresh_since(synced_column='synced_at') -%}
    (
        select {{ dbt.dateadd('day', -7 * var('incremental_lookback_weeks') | int, 'max(' ~ synced_column ~ ')') }}
        from {{ this }}
    )
{%- endmacro %}

{#- is_incremental(), and the existing table already has the column an
    incremental run starts from (a table built before the model became
    incremental lacks it: that run rebuilds every row once, in place). -#}
{% macro is_incremental_from(column) -%}
    {%- if not is_incremental() -%}
        {{ return(false) }}
    {%- endif -%}
    {%- set existing = adapter.get_columns_in_relation(this) | map(attribute='name') | map('lower') | list -%}
    {{ return(column | lower in existing) }}
{%- endmacro %}
