{#- What the quality gate reads once dbt has quarantined the landing.

    The gate (src/revops/quality) runs no row rule of its own: dbt applies
    every rule (macros/staging/quarantine.sql) and these macros count, per
    landed raw table and rule, the landed rows and the rows that break it.
    Great Expectations then judges the counts: a rule broken by more than
    var('quality_critical_percent') of a table's rows stops the run before
    the marts are built; fewer is a warning naming the rows.

    Rules counted here, besides the quarantine's (first rule a row breaks):
    - duplicate_load: the same key loaded twice in one sync (staging keeps
      one row; always a warning);
    - future_date: a date after the data's as-of instant (the latest
      _fivetran_synced of anything landed); kept and reported;
    - unmapped_value: a picklist value picklist_mapping.csv does not map
      (counted as 'other' by staging). -#}

{% macro sql_text(value) -%}
    {{ return("'" ~ (value | string | replace("'", "''")) ~ "'") }}
{%- endmacro %}

{#- How a rule reads in a finding: the Great Expectations expectation that
    states it for one column, its wording, and the file to edit when the fix
    is reference data. -#}
{% macro row_rule_label(source_name, table_name, reason, column, rule=none) -%}
    {%- set kind = reason.split('_')[0] if reason.startswith('unparseable_') else reason -%}
    {%- if kind == 'null_key' -%}
        {%- set label = ['expect_column_values_to_not_be_null', 'key not blank (quarantined)', none] -%}
    {%- elif kind == 'unparseable' -%}
        {%- set label = ['expect_column_values_to_be_null', 'values parse as ' ~ reason[12:] ~ ' (quarantined)', none] -%}
    {%- elif kind == 'negative_value' -%}
        {%- set label = ['expect_column_values_to_be_between', 'not negative (quarantined)', none] -%}
    {%- elif kind == 'out_of_range' -%}
        {%- set label = ['expect_column_values_to_be_between', 'between ' ~ rule['min'] ~ ' and ' ~ rule['max'] ~ ' (quarantined)', none] -%}
    {%- elif kind == 'unknown_stage' -%}
        {%- set label = ['expect_column_values_to_be_in_set', 'stage in crm_stage_mapping (quarantined)',
            'add the stage to seeds/reference/crm_stage_mapping.csv (funnel stage, order, open/won/lost)'] -%}
    {%- elif kind == 'unknown_currency' -%}
        {%- set label = ['expect_column_values_to_be_in_set', 'USD or a currency with fx rates (quarantined)', none] -%}
    {%- elif kind == 'orphan_reference' -%}
        {%- set label = ['expect_column_values_to_be_null', 'references ' ~ source_name ~ '.' ~ rule['table'] ~ '.' ~ rule['column'] ~ ' (quarantined)', none] -%}
    {%- elif kind == 'end_before_start' -%}
        {%- set label = ['expect_column_pair_values_a_to_be_greater_than_b', 'not before ' ~ rule['column'] ~ ' (quarantined)', none] -%}
    {%- elif kind == 'future_date' -%}
        {%- set label = ['expect_column_values_to_be_between', "not after the data's as-of instant", none] -%}
    {%- elif kind == 'duplicate_load' -%}
        {%- set label = ['expect_compound_columns_to_be_unique', 'one row per key and load (the same rows loaded twice)', none] -%}
    {%- elif kind == 'unmapped_value' -%}
        {%- set label = ['expect_column_values_to_be_in_set', "value mapped in picklist_mapping (else counted as 'other')",
            'map the value in ' ~ revops.picklist_seed_file() ~ ' (source_system ' ~ source_name
            ~ ', source_table ' ~ table_name ~ ', source_column ' ~ column ~ ')'] -%}
    {%- else -%}
        {{ exceptions.raise_compiler_error("no label for the row rule " ~ reason) }}
    {%- endif -%}
    {{ return({'expectation': label[0], 'rule': label[1], 'fix': label[2]}) }}
{%- endmacro %}

{#- The rule of the contract behind a quarantine reason on a column (for its wording). -#}
{% macro contract_rule(source_name, table_name, column, reason) -%}
    {%- for name, data_type, optional, rules in revops.raw_contract()[source_name][table_name]['columns'] if name == column -%}
        {%- for rule in rules if revops.quarantine_reason(rule) == reason -%}
            {{ return(rule) }}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(none) }}
{%- endmacro %}

{#- The data's as-of instant: the latest _fivetran_synced of every landed table. -#}
{% macro data_as_of_sql() -%}
    {%- set parts = [] -%}
    {%- for system, tables in revops.raw_contract().items() -%}
        {%- for table_name in tables -%}
            {%- set conformed = revops.conformed_landing(system, table_name) -%}
            {%- if '_fivetran_synced' in conformed['columns'] -%}
                {%- do parts.append('select max(' ~ revops.landed_synced_at('landed', conformed['kinds'])
                    ~ ') as synced_at from ' ~ conformed['sql'] ~ ' as landed') -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- if parts | length == 0 -%}
        {{ return('select cast(null as ' ~ dbt.type_timestamp() ~ ') as as_of') }}
    {%- endif -%}
    {{ return('select max(synced_at) as as_of from (' ~ parts | join(' union all ') ~ ') as synced') }}
{%- endmacro %}

{#- The rules of one raw table that the gate counts, in order: a list of dicts
    (reason, column, and `kept`: for a rule the quarantine does not apply, the
    SQL condition a row of `landed` breaks it under, or for duplicate_load the
    grouping). Quarantine rules are counted on the quarantine model. -#}
{% macro counted_row_rules(source_name, table_name, landed_columns, kinds={}) -%}
    {%- set contract = revops.raw_contract()[source_name][table_name] -%}
    {%- set counted = [] -%}
    {%- for rule in revops.quarantine_rules(source_name, table_name, landed_columns, 'landed', kinds) -%}
        {%- do counted.append({'reason': rule.reason, 'column': rule.column, 'kept': none}) -%}
    {%- endfor -%}
    {%- set key = [] -%}
    {%- for column in contract['key'] if column in landed_columns -%}
        {%- do key.append(column) -%}
    {%- endfor -%}
    {%- if key | length > 0 and '_fivetran_synced' in landed_columns -%}
        {%- set grouped = [] -%}
        {%- for column in key + ['_fivetran_synced'] -%}
            {%- do grouped.append(revops.parse_text('landed.' ~ adapter.quote(column))) -%}
        {%- endfor -%}
        {%- do counted.append({'reason': 'duplicate_load', 'column': key | join(', '), 'kept': none,
            'grouped': grouped | join(', ')}) -%}
    {%- endif -%}
    {%- for name, data_type, optional, rules in contract['columns'] -%}
        {%- if name in landed_columns and data_type in ('timestamp', 'date') and name != '_fivetran_synced'
            and name not in contract['future_ok'] -%}
            {%- do counted.append({'reason': 'future_date', 'column': name,
                'kept': revops.landed_value('landed.' ~ adapter.quote(name), data_type, kinds.get(name)) ~ ' > data_as_of.as_of'}) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- for name in contract['picklists'] if name in landed_columns -%}
        {%- do counted.append({'reason': 'unmapped_value', 'column': name,
            'kept': revops.unmapped_picklist_condition(source_name, table_name, name)}) -%}
    {%- endfor -%}
    {{ return(counted) }}
{%- endmacro %}

{% macro unmapped_picklist_condition(source_name, table_name, column) -%}
    {%- set value = revops.parse_text('landed.' ~ adapter.quote(column)) -%}
    {{ return(value ~ ' is not null and lower(' ~ value ~ ') not in (select mapped.value_key from ('
        ~ revops.picklist_values(source_name, table_name, column) ~ ') as mapped)') }}
{%- endmacro %}

{#- Body of quarantine__rule_outcomes: one row per landed raw table and counted rule. -#}
{% macro row_rule_outcomes() -%}
    {%- set tables = [] -%}
    {%- set with_rules = [] -%}
    {%- for system, names in revops.raw_contract().items() -%}
        {%- for table_name in names -%}{%- do tables.append([system, table_name]) -%}{%- endfor -%}
    {%- endfor -%}
with

data_as_of as (
    {{ revops.data_as_of_sql() }}
),
{% for system, table_name in tables %}
{%- set conformed = revops.conformed_landing(system, table_name) %}
{%- set rules = revops.counted_row_rules(system, table_name, conformed['columns'], conformed['kinds']) %}
{%- set name = system ~ '__' ~ table_name %}
{%- if rules | length > 0 %}{%- do with_rules.append(name) %}{%- endif %}
{%- set kept_orders = [] %}
{%- for rule in rules %}{%- if rule.kept %}{%- do kept_orders.append(loop.index) %}{%- endif %}{%- endfor %}

{%- if rules | length > 0 %}

landed_{{ name }} as (
    select * from {{ conformed['sql'] }} as landed_rows
),

rules_{{ name }} as (
    {%- for rule in rules %}
    {%- set label = revops.row_rule_label(system, table_name, rule.reason, rule.column,
        revops.contract_rule(system, table_name, rule.column, rule.reason)) %}
    select
        {{ revops.sql_text(system) }} as source_system,
        {{ revops.sql_text(table_name) }} as source_table,
        {{ revops.sql_text(rule.column) }} as column_name,
        {{ revops.sql_text(rule.reason) }} as reason,
        {{ revops.sql_text(label.expectation) }} as expectation,
        {{ revops.sql_text(label.rule) }} as rule_description,
        {{ revops.sql_text(label.fix) if label.fix else 'cast(null as ' ~ dbt.type_string() ~ ')' }} as fix,
        {{ loop.index }} as rule_order
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

failed_{{ name }} as (
    select
        quarantined.reason,
        quarantined.column_name,
        count(*) as failed_rows
    from {{ ref('quarantine_' ~ name) }} as quarantined
    group by quarantined.reason, quarantined.column_name
    {%- for rule in rules if rule.reason == 'duplicate_load' %}
    union all
    select
        'duplicate_load' as reason,
        {{ revops.sql_text(rule.column) }} as column_name,
        coalesce(sum(repeated.loads), 0) as failed_rows
    from (
        select count(*) as loads
        from landed_{{ name }} as landed
        group by {{ rule.grouped }}
        having count(*) > 1
    ) as repeated
    {%- endfor %}
),

{#- One pass over the landing: its rows and the rows breaking each rule the
    quarantine does not apply (future dates, unmapped picklist values). #}
scanned_{{ name }} as (
    select
        {%- for order in kept_orders %}
        count(case when {{ rules[order - 1].kept }} then 1 end) as kept_{{ order }},
        {%- endfor %}
        count(*) as landed_rows
    from landed_{{ name }} as landed
    cross join data_as_of
),

outcomes_{{ name }} as (
    select
        rules.*,
        scanned.landed_rows,
        {%- if kept_orders %}
        case
            {%- for order in kept_orders %}
            when rules.rule_order = {{ order }} then scanned.kept_{{ order }}
            {%- endfor %}
            else coalesce(failed.failed_rows, 0)
        end as failed_rows
        {%- else %}
        coalesce(failed.failed_rows, 0) as failed_rows
        {%- endif %}
    from rules_{{ name }} as rules
    cross join scanned_{{ name }} as scanned
    left join failed_{{ name }} as failed
        on rules.reason = failed.reason and rules.column_name = failed.column_name
),
{%- endif %}
{%- endfor %}

counted as (
    {%- for name in with_rules %}
    select * from outcomes_{{ name }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

final as (
    select
        counted.source_system,
        counted.source_table,
        counted.column_name,
        counted.reason,
        counted.expectation,
        counted.rule_description,
        counted.fix,
        counted.rule_order,
        cast(counted.landed_rows as {{ dbt.type_bigint() }}) as landed_rows,
        cast(counted.failed_rows as {{ dbt.type_bigint() }}) as failed_rows,
        case
            when counted.landed_rows > 0
                then 100.0 * counted.failed_rows / counted.landed_rows
        end as failed_percent,
        data_as_of.as_of as data_as_of
    from counted
    cross join data_as_of
)

select * from final
{%- endmacro %}

{#- Body of quarantine__unknown_values: each value a value-set rule does not
    know (stage, currency, picklist), lowercased, with its rows. -#}
{% macro unknown_row_values() -%}
    {%- set parts = [] -%}
    {%- for system, names in revops.raw_contract().items() -%}
        {%- for table_name in names -%}
            {%- set quarantine = ref('quarantine_' ~ system ~ '__' ~ table_name) -%}
            {%- do parts.append('select source_system, source_table, column_name, reason, lower(trim(landed_value)) as value_key, count(*) as row_count from '
                ~ quarantine ~ " as quarantined where reason in ('unknown_stage', 'unknown_currency') group by source_system, source_table, column_name, reason, lower(trim(landed_value))") -%}
            {%- set conformed = revops.conformed_landing(system, table_name) -%}
            {%- for name in revops.raw_contract()[system][table_name]['picklists'] if name in conformed['columns'] -%}
                {%- set value = 'lower(' ~ revops.parse_text('landed.' ~ adapter.quote(name)) ~ ')' -%}
                {%- do parts.append('select ' ~ revops.sql_text(system) ~ ' as source_system, ' ~ revops.sql_text(table_name)
                    ~ ' as source_table, ' ~ revops.sql_text(name) ~ " as column_name, 'unmapped_value' as reason, "
                    ~ value ~ ' as value_key, count(*) as row_count from ' ~ conformed['sql'] ~ ' as landed where '
                    ~ revops.unmapped_picklist_condition(system, table_name, name) ~ ' group by ' ~ value) -%}
            {%- endfor -%}
        {%- endfor -%}
    {%- endfor -%}
with

unknown as (
    {{ parts | join('\n    union all\n    ') }}
),

final as (
    select
        cast(source_system as {{ dbt.type_string() }}) as source_system,
        cast(source_table as {{ dbt.type_string() }}) as source_table,
        cast(column_name as {{ dbt.type_string() }}) as column_name,
        cast(reason as {{ dbt.type_string() }}) as reason,
        cast(value_key as {{ dbt.type_string() }}) as value_key,
        cast(row_count as {{ dbt.type_bigint() }}) as row_count
    from unknown
)

select * from final
{%- endmacro %}
