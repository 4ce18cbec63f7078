{#- Seeds on Spark. dbt-spark's session connection pastes bound values into
    the SQL without escaping (O'Brien breaks the statement) and turns a null
    into the text 'None'; and Spark refuses a varchar without a length, the
    type every seed declares for text. These overrides (root-project macros
    win over the adapter's in the dbt namespace) translate the declared
    types (revops.spark_type) and render each value as an escaped literal,
    null as null, so a seed lands on Spark exactly as on the other engines. -#}

{% macro spark__create_csv_table(model, agate_table) %}
    {%- set quote_seed_column = model['config'].get('quote_columns', None) -%}
    {%- set types = revops.spark_seed_types(model, agate_table) -%}
    {% set sql %}
    create table {{ this.render() }} (
        {%- for col_name in agate_table.column_names -%}
            {{ adapter.quote_seed_column(col_name | string, quote_seed_column) }} {{ types[loop.index0] }}
            {%- if not loop.last %}, {% endif -%}
        {%- endfor -%}
    )
    {{ file_format_clause() }}
    {{ partition_cols(label="partitioned by") }}
    {{ clustered_cols(label="clustered by") }}
    {{ location_clause() }}
    {{ comment_clause() }}
    {% endset %}
    {% call statement('_') -%}
        {{ sql }}
    {%- endcall %}
    {{ return(sql) }}
{% endmacro %}

{% macro spark__load_csv_rows(model, agate_table) %}
    {%- set types = revops.spark_seed_types(model, agate_table) -%}
    {%- set statements = [] -%}
    {%- for chunk in agate_table.rows | batch(get_batch_size()) -%}
        {%- set sql -%}
            insert into {{ this.render() }} values
            {% for row in chunk -%}
                ({%- for value in row -%}
                    cast({{ revops.spark_literal(value) }} as {{ types[loop.index0] }})
                    {%- if not loop.last %}, {% endif -%}
                {%- endfor -%})
                {%- if not loop.last %},{% endif %}
            {% endfor %}
        {%- endset -%}
        {%- do adapter.add_query(sql, abridge_sql_log=True) -%}
        {%- if loop.first %}{% do statements.append(sql) %}{% endif -%}
    {%- endfor -%}
    {{ return(statements[0] if statements else '') }}
{% endmacro %}

{#- Each seed column's Spark type: the declared column_types entry, else
    the type inferred from the CSV. -#}
{% macro spark_seed_types(model, agate_table) %}
    {%- set column_override = model['config'].get('column_types', {}) -%}
    {%- set types = [] -%}
    {%- for col_name in agate_table.column_names -%}
        {%- set declared = column_override.get(col_name, adapter.convert_type(agate_table, loop.index0)) -%}
        {%- do types.append(revops.spark_type(declared) | trim) -%}
    {%- endfor -%}
    {{ return(types) }}
{% endmacro %}

{#- A Spark SQL string literal (backslash and quote escaped), or null. -#}
{% macro spark_literal(value) -%}
    {%- if value is none -%}
        null
    {%- else -%}
        '{{ (value | string).replace("\\", "\\\\").replace("'", "\\'") }}'
    {%- endif -%}
{%- endmacro %}
