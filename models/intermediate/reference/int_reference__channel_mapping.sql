-- The channel mapping seed with its keys normalised once, so every model maps
-- a lead source, an original source or an ad platform the same way.
with

channel_mapping as (
    select * from {{ ref('channel_mapping') }}
),

final as (
    select
        lower(trim(source_system)) as source_system,
        lower(trim(source_field)) as source_field,
        lower(trim(source_value)) as source_value,
        trim(channel) as channel
    from channel_mapping
)

select * from final
