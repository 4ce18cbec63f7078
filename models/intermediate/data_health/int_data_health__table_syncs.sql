{#- One row per landed raw table: rows landed, staged and deleted, its last
    load and how fresh it must be (revops.staged_table_syncs, the raw
    contract's table list). fct_source_syncs shows it and the data-as-of
    model reads each system's last load from it. -#}
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
