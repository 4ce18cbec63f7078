{#- Row-level quarantine, declared once in the raw contract (the sources .yml)
    and applied to every raw table by the same macros:
    - the table's key columns (`config.meta.key`, default [id]) must not be blank;
    - every non-blank landed text value of a typed column must parse (a
      column landed already typed cannot fail, but a float's NaN or
      infinity, landed_value.sql);
    - column rules in `config.meta.quarantine`: non_negative, known_stage (in
      crm_stage_mapping, compared lower/trim), known_currency (USD or a
      currency with landed fx rates), {references: table.column} (same
      system), {between: [lo, hi]}, {not_before: start_column}.
    A landed row failing any rule is left out of staging
    (select_landed_columns filters with quarantine_condition) and appears
    once in quarantine_<system>__<table> with its first failing rule, so
    landed = sum(staged landed_row_count) + quarantined, per table.
    Rules are read from the generated raw_contract() so that their refs and
    sources register at parse time. -#}

{#- The rules of a raw table that apply to the landed columns: a list of
    dicts (reason, column, condition, landed_value), in precedence order. -#}
{% macro quarantine_rules(source_name, table_name, landed_columns, alias='landed', kinds={}) -%}
    {%- set contract = revops.raw_contract()[source_name][table_name] -%}
    {%- set types = {} -%}
    {%- for name, data_type, optional, rules in contract['columns'] -%}
        {%- do types.update({name: data_type}) -%}
    {%- endfor -%}
    {%- set rules_out = [] -%}
    {%- for key_column in contract['key'] -%}
        {%- if key_column in landed_columns -%}
            {%- do rules_out.append({
                'reason': 'null_key', 'column': key_column,
                'condition': revops.parse_text(revops.quarantine_column(alias, key_column)) ~ ' is null',
                'landed_value': 'null'}) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- for name, data_type, optional, rules in contract['columns'] -%}
        {%- set raw = revops.quarantine_column(alias, name) -%}
        {%- if name in landed_columns and data_type != 'text' -%}
            {%- if revops.is_typed_landing(data_type, kinds.get(name)) -%}
                {%- set condition = revops.typed_unparseable_condition(raw, data_type, kinds.get(name)) -%}
            {%- else -%}
                {%- set condition = revops.parse_text(raw) ~ ' is not null and ' ~ revops.parse_value(raw, data_type) ~ ' is null' -%}
            {%- endif -%}
            {%- if condition -%}
            {%- do rules_out.append({
                'reason': 'unparseable_' ~ data_type, 'column': name,
                'condition': condition,
                'landed_value': revops.parse_text(raw)}) -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}
    {%- for name, data_type, optional, rules in contract['columns'] -%}
        {%- set raw = revops.quarantine_column(alias, name) -%}
        {%- set value = revops.landed_value(raw, data_type, kinds.get(name)) -%}
        {%- for rule in rules if name in landed_columns -%}
            {%- set condition = revops.quarantine_rule_condition(source_name, rule, raw, value, types, landed_columns, alias, kinds) -%}
            {%- if condition -%}
                {%- do rules_out.append({
                    'reason': revops.quarantine_reason(rule), 'column': name,
                    'condition': condition, 'landed_value': revops.parse_text(raw)}) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(rules_out) }}
{%- endmacro %}

{% macro quarantine_column(alias, name) -%}
    {{ alias }}.{{ adapter.quote(name) }}
{%- endmacro %}

{% macro quarantine_reason(rule) -%}
    {%- set reasons = {
        'non_negative': 'negative_value', 'known_stage': 'unknown_stage',
        'known_currency': 'unknown_currency', 'references': 'orphan_reference',
        'between': 'out_of_range', 'not_before': 'end_before_start'} -%}
    {{ return(reasons[rule['rule']]) }}
{%- endmacro %}

{#- The SQL condition under which a landed value breaks a rule; empty when a
    column the rule needs did not land. -#}
{% macro quarantine_rule_condition(source_name, rule, raw, value, types, landed_columns, alias, kinds={}) -%}
    {%- set kind = rule['rule'] -%}
    {%- if kind == 'non_negative' -%}
        {{ return(value ~ ' < 0') }}
    {%- elif kind == 'between' -%}
        {{ return('(' ~ value ~ ' < ' ~ rule['min'] ~ ' or ' ~ value ~ ' > ' ~ rule['max'] ~ ')') }}
    {%- elif kind == 'known_stage' -%}
        {{ return('lower(' ~ revops.parse_text(raw) ~ ') not in (select lower(trim(stage_name)) from '
            ~ ref('crm_stage_mapping') ~ ' where stage_name is not null)') }}
    {%- elif kind == 'known_currency' -%}
        {%- set code = revops.normalize_code(revops.parse_text(raw)) -%}
        {{ return(code ~ " <> 'USD' and " ~ code ~ ' not in (select '
            ~ revops.normalize_code('fx_currencies.currency_code') ~ ' from ' ~ source('finance', 'fx_rate')
            ~ ' as fx_currencies where ' ~ revops.normalize_code('fx_currencies.currency_code') ~ ' is not null)') }}
    {%- elif kind == 'references' -%}
        {%- set parent = 'parent_' ~ rule['table'] -%}
        {%- set parent_value = revops.parse_text(parent ~ '.' ~ adapter.quote(rule['column'])) -%}
        {{ return(revops.parse_text(raw) ~ ' not in (select ' ~ parent_value ~ ' from '
            ~ revops.conformed_landing(source_name, rule['table'])['sql'] ~ ' as ' ~ parent ~ ' where ' ~ parent_value ~ ' is not null)') }}
    {%- elif kind == 'not_before' -%}
        {%- if rule['column'] not in landed_columns -%}{{ return('') }}{%- endif -%}
        {%- set start = revops.landed_value(revops.quarantine_column(alias, rule['column']), types[rule['column']], kinds.get(rule['column'])) -%}
        {{ return(value ~ ' < ' ~ start) }}
    {%- endif -%}
    {{ exceptions.raise_compiler_error("unknown quarantine rule " ~ kind) }}
{%- endmacro %}

{#- True when a landed row breaks any rule (never null). -#}
{% macro quarantine_condition(rules) -%}
    {%- if rules | length == 0 -%} 1 = 0
    {%- else -%}
    (
        {%- for rule in rules %}
        coalesce({{ rule.condition }}, false){{ " or" if not loop.last }}
        {%- endfor %}
    )
    {%- endif -%}
{%- endmacro %}

{#- Registers, at parse time, the relations the rules of a table read. A unit
    test mocks select_landed_columns and has none of those relations. -#}
{% macro quarantine_dependencies(source_name, table_name) -%}
    {%- if model is defined and model.resource_type == 'unit_test' -%}{{ return('') }}{%- endif -%}
    {%- for name, data_type, optional, rules in revops.raw_contract()[source_name][table_name]['columns'] -%}
        {%- for rule in rules -%}
            {%- if rule['rule'] == 'known_stage' -%}{%- do ref('crm_stage_mapping') -%}
            {%- elif rule['rule'] == 'known_currency' -%}{%- do source('finance', 'fx_rate') -%}
            {%- elif rule['rule'] == 'references' -%}{%- do source(source_name, rule['table']) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endfor -%}
{%- endmacro %}

{#- The body of a quarantine_<system>__<table> model: one row per landed row
    that breaks a rule, with the first rule it breaks. -#}
{% macro quarantined_rows(source_name, table_name, refresh_since=none) -%}
    {%- set relation = source(source_name, table_name) -%}
    {%- do revops.quarantine_dependencies(source_name, table_name) -%}
    {%- set contract = revops.raw_contract()[source_name][table_name] -%}
    {%- set conformed = revops.conformed_landing(source_name, table_name) -%}
    {%- set landed_columns = conformed['columns'] -%}
    {%- set rules = revops.quarantine_rules(source_name, table_name, landed_columns, 'landed', conformed['kinds']) -%}
    {%- set key_parts = [] -%}
    {%- for key_column in contract['key'] if key_column in landed_columns -%}
        {%- do key_parts.append("coalesce(" ~ revops.parse_text(revops.quarantine_column('landed', key_column)) ~ ", '')") -%}
    {%- endfor -%}
with

landed as (
    select * from {{ conformed['sql'] }} as landed_rows
    {%- if refresh_since is not none %}
    where {{ revops.landed_keys_to_refresh(source_name, table_name, refresh_since, 'landed_rows') }}
    {%- endif %}
),

flagged as (
    select
        cast('{{ source_name }}' as {{ dbt.type_string() }}) as source_system,
        cast('{{ table_name }}' as {{ dbt.type_string() }}) as source_table,
        {% if key_parts | length > 1 -%}
        {{ dbt.concat(revops.quarantine_key_list(key_parts)) }}
        {%- elif key_parts | length == 1 -%}
        {{ key_parts[0] }}
        {%- else -%}
        cast(null as {{ dbt.type_string() }})
        {%- endif %} as record_key,
        case
            {%- for rule in rules %}
            when coalesce({{ rule.condition }}, false) then '{{ rule.reason }}'
            {%- endfor %}
        end as reason,
        case
            {%- for rule in rules %}
            when coalesce({{ rule.condition }}, false) then '{{ rule.column }}'
            {%- endfor %}
        end as column_name,
        cast(case
            {%- for rule in rules %}
            when coalesce({{ rule.condition }}, false) then {{ rule.landed_value }}
            {%- endfor %}
        end as {{ dbt.type_string() }}) as landed_value,
        {% if '_fivetran_synced' in landed_columns -%}
        {{ revops.landed_synced_at('landed', conformed['kinds']) }}
        {%- else -%}
        cast(null as {{ dbt.type_timestamp() }})
        {%- endif %} as synced_at
    from landed
    {%- if rules | length == 0 %}
    where 1 = 0
    {%- endif %}
),

final as (
    select * from flagged
    where reason is not null
)

select * from final
{%- endmacro %}

{% macro quarantine_key_list(key_parts) -%}
    {%- set parts = [] -%}
    {%- for part in key_parts -%}
        {%- do parts.append(part) -%}
        {%- if not loop.last %}{% do parts.append("'|'") %}{% endif -%}
    {%- endfor -%}
    {{ return(parts) }}
{%- endmacro %}

{#- Every quarantine model of the contract, unioned (fct_quarantined_rows). -#}
{% macro union_quarantined_rows() -%}
    {%- for system, tables in revops.raw_contract().items() -%}
        {%- for table_name in tables %}
    select source_system, source_table, record_key, reason, column_name, landed_value, synced_at
    from {{ ref('quarantine_' ~ system ~ '__' ~ table_name) }}
            {%- if not loop.last %} union all{% endif -%}
        {%- endfor -%}
        {%- if not loop.last %} union all{% endif -%}
    {%- endfor -%}
{%- endmacro %}
