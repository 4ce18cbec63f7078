with

quarantined as (
    {{ revops.union_quarantined_rows() }}
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
