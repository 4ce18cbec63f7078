-- The tolerant parsing macros on hand-written landed values: every row whose
-- parsed value differs from the hand-computed one is a failure.
with

cases as (
    select
        'timestamp with offset' as case_name,
        '2025-01-03T10:00:00+02:00' as landed,
        {{ revops.parse_timestamp("'2025-01-03T10:00:00+02:00'") }} as parsed,
        cast('2025-01-03 08:00:00' as timestamp) as expected
    union all
    select
        'timestamp with Z',
        '2025-01-03T10:00:00Z',
        {{ revops.parse_timestamp("'2025-01-03T10:00:00Z'") }},
        cast('2025-01-03 10:00:00' as timestamp)
    union all
    select
        'timestamp without offset is UTC',
        '2025-01-03 10:00:00',
        {{ revops.parse_timestamp("'2025-01-03 10:00:00'") }},
        cast('2025-01-03 10:00:00' as timestamp)
    union all
    select
        'negative offset crossing midnight',
        '2025-12-31 22:30:00-05:00',
        {{ revops.parse_timestamp("'2025-12-31 22:30:00-05:00'") }},
        cast('2026-01-01 03:30:00' as timestamp)
    union all
    select
        'bare date is midnight UTC',
        '2025-01-03',
        {{ revops.parse_timestamp("'2025-01-03'") }},
        cast('2025-01-03 00:00:00' as timestamp)
    union all
    select
        'unparseable timestamp is null',
        'tomorrow',
        {{ revops.parse_timestamp("'tomorrow'") }},
        cast(null as timestamp)
),

booleans as (
    select
        landed,
        {{ revops.parse_boolean('landed') }} as parsed,
        expected
    from (
        select 'true' as landed, true as expected
        union all select ' TRUE ', true
        union all select '1', true
        union all select 'false', false
        union all select '0', false
        union all select 'f', false
        union all select '', cast(null as boolean)
        union all select 'maybe', cast(null as boolean)
    ) as boolean_cases
),

numbers as (
    select
        landed,
        {{ revops.parse_numeric('landed') }} as parsed,
        expected
    from (
        select '1234.50' as landed, cast(1234.5 as {{ revops.type_money() }}) as expected
        union all select ' -12 ', cast(-12 as {{ revops.type_money() }})
        union all select '12,50', cast(null as {{ revops.type_money() }})
        union all select '', cast(null as {{ revops.type_money() }})
    ) as number_cases
),

failures as (
    select
        case_name,
        landed,
        cast(parsed as {{ dbt.type_string() }}) as parsed,
        cast(expected as {{ dbt.type_string() }}) as expected
    from cases
    where not (parsed = expected or (parsed is null and expected is null))
    union all
    select
        'boolean',
        landed,
        cast(parsed as {{ dbt.type_string() }}),
        cast(expected as {{ dbt.type_string() }})
    from booleans
    where not (parsed = expected or (parsed is null and expected is null))
    union all
    select
        'numeric',
        landed,
        cast(parsed as {{ dbt.type_string() }}),
        cast(expected as {{ dbt.type_string() }})
    from numbers
    where not (parsed = expected or (parsed is null and expected is null))
)

select * from failures
