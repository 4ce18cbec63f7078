{#- Row accounting between the raw landing and a staging model: every landed
    row is either the staged row of its key, an older load of that key
    (counted in landed_row_count; deleted and internal rows are staged and
    flagged), or a row in quarantine_<source>__<table>. Fails with one row
    when landed <> staged + quarantined. An optional table that did not land
    has no rows (conformed_landing). -#}
{% test accounts_for_every_landed_row(model, source_name, table_name) %}
with

landed as (
    select count(*) as landed_rows
    from {{ revops.conformed_landing(source_name, table_name)['sql'] }} as landed_rows
),

staged as (
    select
        count(*) as staged_rows,
        coalesce(sum(landed_row_count), 0) as accounted_rows
    from {{ model }}
),

quarantined as (
    select count(*) as quarantined_rows
    from {{ ref('quarantine_' ~ source_name ~ '__' ~ table_name) }}
)

select
    '{{ source_name }}.{{ table_name }}' as raw_table,
    landed.landed_rows,
    staged.staged_rows,
    staged.accounted_rows,
    quarantined.quarantined_rows
from landed
cross join staged
cross join quarantined
where landed.landed_rows <> staged.accounted_rows + quarantined.quarantined_rows
{% endtest %}
