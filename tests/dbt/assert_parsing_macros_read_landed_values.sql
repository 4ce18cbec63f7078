-- The tolerant parsing macros on hand-written landed values: every case whose
-- parsed value differs from the hand-computed one is a failure.
{%- set cases = [
    ('timestamp', 'timestamp with offset', '2025-01-03T10:00:00+02:00', "cast('2025-01-03 08:00:00' as timestamp)"),
    ('timestamp', 'timestamp with Z', '2025-01-03T10:00:00Z', "cast('2025-01-03 10:00:00' as timestamp)"),
    ('timestamp', 'timestamp without offset is UTC', '2025-01-03 10:00:00', "cast('2025-01-03 10:00:00' as timestamp)"),
    ('timestamp', 'negative offset crossing midnight', '2025-12-31 22:30:00-05:00', "cast('2026-01-01 03:30:00' as timestamp)"),
    ('timestamp', 'bare date is midnight UTC', '2025-01-03', "cast('2025-01-03 00:00:00' as timestamp)"),
    ('timestamp', 'unparseable timestamp is null', 'tomorrow', "cast(null as timestamp)"),
    ('date', 'date from a timestamp with offset', '2025-01-03T01:00:00+02:00', "cast('2025-01-02' as date)"),
    ('boolean', 'true', 'true', 'true'),
    ('boolean', 'TRUE with spaces', ' TRUE ', 'true'),
    ('boolean', 'one', '1', 'true'),
    ('boolean', 'false', 'false', 'false'),
    ('boolean', 'zero', '0', 'false'),
    ('boolean', 'f', 'f', 'false'),
    ('boolean', 'blank is null', '', 'cast(null as boolean)'),
    ('boolean', 'unknown word is null', 'maybe', 'cast(null as boolean)'),
    ('numeric', 'decimal', '1234.50', 'cast(1234.5 as ' ~ revops.type_money() ~ ')'),
    ('numeric', 'negative with spaces', ' -12 ', 'cast(-12 as ' ~ revops.type_money() ~ ')'),
    ('numeric', 'decimal comma is unparseable', '12,50', 'cast(null as ' ~ revops.type_money() ~ ')'),
    ('integer', 'integer written as decimal', '9.0', 'cast(9 as ' ~ dbt.type_bigint() ~ ')'),
    ('integer', 'blank integer is null', '', 'cast(null as ' ~ dbt.type_bigint() ~ ')'),
] %}

with

cases as (
    {%- for kind, case_name, landed, expected in cases %}
    select
        '{{ case_name }}' as case_name,
        '{{ landed }}' as landed,
        cast({{ revops.parse_value("'" ~ landed ~ "'", kind) }} as {{ dbt.type_string() }}) as parsed,
        cast({{ expected }} as {{ dbt.type_string() }}) as expected
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

failures as (
    select
        case_name,
        landed,
        parsed,
        expected
    from cases
    where not (parsed = expected or (parsed is null and expected is null))
)

select * from failures
