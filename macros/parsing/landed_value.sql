{#- Parse once, and only text. A landed column whose physical type already
    is the contract's logical type (a loader's typed warehouse table, typed
    Parquet) is cast, not run through the parse grammar of parse_value.sql,
    and cannot be unparseable; a text column (CSV, a text landing, a column
    of another type) keeps the grammar. The physical type comes from the
    warehouse catalog at compile time (conformed_landing's 'kinds').

    Which physical kinds count as already typed, per logical type:
    - integer: any integer type;
    - numeric: any integer, decimal or floating type (a float that is NaN or
      infinite is null in staging and quarantined as unparseable_numeric);
    - boolean: boolean;
    - timestamp: timestamp, or timestamp with time zone (read in UTC);
    - date: date, timestamp or timestamp with time zone (its UTC day). -#}

{% macro typed_kinds() -%}
    {{ return({
        'integer': ['integer'],
        'numeric': ['integer', 'decimal', 'float'],
        'boolean': ['boolean'],
        'timestamp': ['timestamp', 'timestamptz'],
        'date': ['date', 'timestamp', 'timestamptz']}) }}
{%- endmacro %}

{#- The kind of a catalog data type, spelled as DuckDB, PostgreSQL or Spark
    report it: integer, decimal, float, boolean, timestamp, timestamptz,
    date, text or other. -#}
{% macro physical_kind(data_type) -%}
    {%- set spelled = (data_type or '') | string | lower | trim -%}
    {%- set base = spelled.split('(')[0] | trim -%}
    {%- if base in ('timestamptz', 'timestamp_tz', 'timestamp_ltz') or 'with time zone' in base -%}
        {{ return('timestamptz') }}
    {%- elif base.startswith('timestamp') or base == 'datetime' -%}
        {{ return('timestamp') }}
    {%- elif base == 'date' -%}
        {{ return('date') }}
    {%- elif base in ('boolean', 'bool') -%}
        {{ return('boolean') }}
    {%- elif base in ('bigint', 'integer', 'int', 'smallint', 'tinyint', 'hugeint', 'int2', 'int4', 'int8',
            'long', 'short', 'byte', 'ubigint', 'uinteger', 'usmallint', 'utinyint', 'uhugeint') -%}
        {{ return('integer') }}
    {%- elif base in ('decimal', 'numeric', 'number') -%}
        {{ return('decimal') }}
    {%- elif base in ('double', 'double precision', 'float', 'float4', 'float8', 'real') -%}
        {{ return('float') }}
    {%- elif base.startswith(('varchar', 'character', 'text', 'string', 'char', 'nvarchar')) -%}
        {{ return('text') }}
    {%- endif -%}
    {{ return('other') }}
{%- endmacro %}

{#- Whether a landed column of this kind is already of the logical type. -#}
{% macro is_typed_landing(logical_type, kind) -%}
    {{ return(kind in revops.typed_kinds().get((logical_type or 'text') | lower, [])) }}
{%- endmacro %}

{#- A landed value as its logical type: cast when the column is typed, else
    the parse grammar (kind none: not known, e.g. in a unit test). -#}
{% macro landed_value(expression, logical_type, kind=none) -%}
    {%- if not revops.is_typed_landing(logical_type, kind) -%}
        {{ return(revops.parse_value(expression, logical_type)) }}
    {%- endif -%}
    {%- set kind_of = (logical_type | lower) -%}
    {%- if kind_of == 'integer' -%}
        {{ return('cast(' ~ expression ~ ' as ' ~ dbt.type_bigint() ~ ')') }}
    {%- elif kind_of == 'numeric' and kind == 'float' -%}
        {#- Through the float's shortest decimal spelling, the same value the
            grammar gives for that spelling (19.99, not 19.989999...). -#}
        {{ return('case when ' ~ revops.is_finite(expression) ~ ' then cast(cast(' ~ expression ~ ' as '
            ~ dbt.type_string() ~ ') as ' ~ revops.type_money() ~ ') end') }}
    {%- elif kind_of == 'numeric' -%}
        {{ return('cast(' ~ expression ~ ' as ' ~ revops.type_money() ~ ')') }}
    {%- elif kind_of == 'boolean' -%}
        {{ return('cast(' ~ expression ~ ' as ' ~ dbt.type_boolean() ~ ')') }}
    {%- elif kind_of == 'timestamp' -%}
        {{ return(revops.typed_timestamp_utc(expression, kind)) }}
    {%- elif kind_of == 'date' and kind == 'date' -%}
        {{ return('cast(' ~ expression ~ ' as date)') }}
    {%- endif -%}
    {{ return('cast(' ~ revops.typed_timestamp_utc(expression, kind) ~ ' as date)') }}
{%- endmacro %}

{#- A landed row's load time (`_fivetran_synced` under the contract's name)
    as a timestamp: the row of `alias`, read through landed_value with the
    column's landed kind (conformed_landing's 'kinds'). -#}
{% macro landed_synced_at(alias, kinds) -%}
    {{ return(revops.landed_value(alias ~ '.' ~ adapter.quote('_fivetran_synced'), 'timestamp',
        kinds.get('_fivetran_synced'))) }}
{%- endmacro %}

{#- The quarantine condition for a typed landed column that is not a value:
    only a float can be (NaN, infinity); other typed columns cannot fail. -#}
{% macro typed_unparseable_condition(expression, logical_type, kind) -%}
    {%- if (logical_type | lower) == 'numeric' and kind == 'float' -%}
        {{ return(expression ~ ' is not null and not ' ~ revops.is_finite(expression)) }}
    {%- endif -%}
    {{ return('') }}
{%- endmacro %}

{#- A float is finite when it minus itself is 0: infinity minus infinity and
    NaN minus anything are NaN, which equals nothing on every engine. -#}
{% macro is_finite(expression) -%}
    (({{ expression }}) - ({{ expression }}) = 0)
{%- endmacro %}

{#- A typed timestamp as a timestamp without time zone, in UTC. -#}
{% macro typed_timestamp_utc(expression, kind) -%}
    {%- if kind == 'timestamptz' -%}
        {{ return(adapter.dispatch('timestamptz_utc', 'revops')(expression)) }}
    {%- endif -%}
    {{ return('cast(' ~ expression ~ ' as ' ~ dbt.type_timestamp() ~ ')') }}
{%- endmacro %}

{#- PostgreSQL: `at time zone 'UTC'` of a timestamptz is its UTC wall time. -#}
{% macro default__timestamptz_utc(expression) -%}
    ({{ expression }} at time zone 'UTC')
{%- endmacro %}

{% macro duckdb__timestamptz_utc(expression) -%}
    cast(timezone('UTC', {{ expression }}) as timestamp)
{%- endmacro %}

{#- Spark: a timestamp is an instant shown in the session time zone (UTC). -#}
{% macro spark__timestamptz_utc(expression) -%}
    cast({{ expression }} as timestamp)
{%- endmacro %}
