-- One row per landed raw table: rows, deleted rows, the last load and how
-- fresh the table must be. A deleted row still proves a sync; a table with no
-- rows has no last load.
with

syncs as (
    {{ revops.staged_table_syncs() }}
),

final as (
    select
        source_system,
        source_table,
        cast(landed_rows as {{ dbt.type_bigint() }}) as landed_rows,
        cast(staged_rows as {{ dbt.type_bigint() }}) as staged_rows,
        cast(deleted_rows as {{ dbt.type_bigint() }}) as deleted_rows,
        last_synced_at,
        cast(stale_after_days as integer) as stale_after_days
    from syncs
)

select * from final
