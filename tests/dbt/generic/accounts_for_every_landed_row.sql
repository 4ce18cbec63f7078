{#- Row accounting between the raw landing and a staging model: every landed
    row is either the staged row of its key or an older load of that key,
    counted in landed_row_count. Fails with one row when the totals differ. -#}
{% test accounts_for_every_landed_row(model, source_name, table_name) %}
with

landed as (
    select count(*) as landed_rows
    from {{ source(source_name, table_name) }}
),

staged as (
    select
        count(*) as staged_rows,
        coalesce(sum(landed_row_count), 0) as accounted_rows
    from {{ model }}
)

select
    '{{ source_name }}.{{ table_name }}' as raw_table,
    landed.landed_rows,
    staged.staged_rows,
    staged.accounted_rows
from landed
cross join staged
where landed.landed_rows <> staged.accounted_rows
{% endtest %}
