-- One row per landed raw table: rows, deleted rows, the last load and how
-- fresh the table must be. A deleted row still proves a sync; a table with no
-- rows has no last load.
with

table_syncs as (
    select * from {{ ref('int_data_health__table_syncs') }}
),

final as (
    select
        source_system,
        source_table,
        landed_rows,
        staged_rows,
        deleted_rows,
        last_synced_at,
        stale_after_days
    from table_syncs
)

select * from final
