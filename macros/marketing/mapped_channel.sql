{#- The one way a source value gets its marketing channel (the channel
    mapping seed, editable reference data): every row of `relation` with a
    `channel` column added, the row's value lowercased and trimmed and
    looked up in the mapping for its source system and field; a value the
    mapping lacks is 'Other'. The body of a CTE; `mapping` names the import
    CTE of int_reference__channel_mapping. source_system and source_field
    are SQL expressions: a quoted literal ("'salesforce'") or a column of
    the relation. What a blank value means (no touch at all, or spend still
    counted as 'Other') is for the reader to say: the macro maps every row.
    Record facts, attribution, ad spend and campaign spend all map through
    it, so the mapping and its fallback are written once. -#}
{% macro with_mapped_channel(
    relation, source_system, source_field, value_column, mapping='channel_mapping', channel_column='channel'
) -%}
    select
        {{ relation }}.*,
        coalesce({{ mapping }}.channel, 'Other') as {{ channel_column }}
    from {{ relation }}
    left join {{ mapping }}
        on {{ source_system }} = {{ mapping }}.source_system
            and {{ source_field }} = {{ mapping }}.source_field
            and lower(trim({{ relation }}.{{ value_column }})) = {{ mapping }}.source_value
{%- endmacro %}
