{#- Run hooks that prepare an engine and open the BI schemas to the BI role.
    Both are no-ops except where an engine needs them (PostgreSQL). dbt
    grants the role `select` on the marts and metrics models
    (dbt_project.yml); these hooks add what dbt's grants do not cover. -#}

{#- The BI role's name; dbt_project.yml reads the same variable for grants. -#}
{% macro bi_reader_role() -%}
    {{ return(env_var('REVOPS_BI_READER_ROLE', 'bi_reader')) }}
{%- endmacro %}

{% macro prepare_warehouse() -%}
    {{ return(adapter.dispatch('prepare_warehouse', 'revops')()) }}
{%- endmacro %}

{% macro default__prepare_warehouse() -%}
    select 1
{%- endmacro %}

{#- PostgreSQL: the helper functions json_text_value and parse_timestamp
    need (PostgreSQL 15 has no `is json` predicate nor pg_input_is_valid,
    and a cast of invalid JSON or of 2026-02-30 raises), and the BI
    role when it does not exist yet (a DBA usually creates it; creating it
    needs CREATEROLE, asked only when it is missing). -#}
{% macro postgres__prepare_warehouse() -%}
    create schema if not exists {{ target.schema }};
    create or replace function {{ target.schema }}.revops_json_object(value text) returns json
    language plpgsql immutable as $function$
    begin
        if json_typeof(value::json) = 'object' then
            return value::json;
        end if;
        return null;
    exception when others then
        return null;
    end;
    $function$;
    create or replace function {{ target.schema }}.revops_timestamp_utc(value text) returns timestamp
    language plpgsql stable
    set timezone = 'UTC' -- a value without an offset is UTC, whatever the server's zone
    as $function$
    begin
        return (value::timestamptz) at time zone 'UTC';
    exception when others then
        return null;
    end;
    $function$;
    do $do$
    begin
        if not exists (select from pg_roles where rolname = '{{ revops.bi_reader_role() }}') then
            create role {{ adapter.quote(revops.bi_reader_role()) }} nologin;
        end if;
    end;
    $do$;
{%- endmacro %}

{% macro open_bi_schemas() -%}
    {{ return(adapter.dispatch('open_bi_schemas', 'revops')()) }}
{%- endmacro %}

{% macro default__open_bi_schemas() -%}
    select 1
{%- endmacro %}

{#- dbt grants select on each BI model; reading a table also needs usage on
    its schema. Only the schemas of the BI models are opened: raw, staging,
    intermediate and restricted stay closed to the role. -#}
{% macro postgres__open_bi_schemas() -%}
    {%- for custom_schema in var('bi_schemas') %}
    {%- set schema_name = generate_schema_name(custom_schema, none) %}
    do $do$
    begin
        if exists (select from pg_namespace where nspname = '{{ schema_name }}') then
            grant usage on schema {{ adapter.quote(schema_name) }} to {{ adapter.quote(revops.bi_reader_role()) }};
        end if;
    end;
    $do$;
    {%- endfor %}
{%- endmacro %}

{#- Post-hook of every table and seed: fresh planner statistics where the
    engine does not gather them on write. PostgreSQL's autovacuum analyzes a
    new table only later; without statistics it guesses a handful of rows
    for filtered CTEs and picks nested loops that take minutes. -#}
{% macro refresh_statistics() -%}
    {{ return(adapter.dispatch('refresh_statistics', 'revops')()) }}
{%- endmacro %}

{% macro default__refresh_statistics() -%}
{%- endmacro %}

{% macro postgres__refresh_statistics() -%}
    {%- if model.config.materialized in ('table', 'incremental', 'seed') -%}
        analyze {{ this }}
    {%- endif -%}
{%- endmacro %}
