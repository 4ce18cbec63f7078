{#- Keeps the latest load of each key (greatest _fivetran_synced; ties broken
    by the table's own modified timestamp when it has one) and records how
    many landed rows the key had, so row accounting can prove that
    sum(landed_row_count) over staging equals the landed row count.
    Rows whose key is null are kept one by one: they never collapse into
    each other. -#}
{% macro latest_load(relation, key_columns, modified_column=none) -%}
    {%- set first_key = key_columns[0] -%}
    select * from (
        select
            landed.*,
            case
                when {{ first_key }} is null then 1
                else count(*) over (partition by {{ key_columns | join(', ') }})
            end as landed_row_count,
            row_number() over (
                partition by {{ key_columns | join(', ') }}
                order by _fivetran_synced desc
                {%- if modified_column %}, {{ modified_column }} desc{% endif %}
            ) as load_rank
        from {{ relation }} as landed
    ) as ranked
    where load_rank = 1 or {{ first_key }} is null
{%- endmacro %}
