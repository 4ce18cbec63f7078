{#- Contract data types on Spark. Contracts declare the types every engine
    reads alike (varchar, double precision); Spark spells them string and
    double, and refuses a varchar without a length. dbt checks a contract by
    casting null to each declared type through dbt.cast, so translating the
    names here lets the same contracts hold on Spark. -#}
{% macro spark__cast(field, type) -%}
    cast({{ field }} as {{ revops.spark_type(type) }})
{%- endmacro %}

{% macro spark_type(type) -%}
    {%- set name = type | trim | lower -%}
    {%- if name in ('varchar', 'text', 'character varying') -%} string
    {%- elif name == 'double precision' -%} double
    {%- else -%} {{ type }}
    {%- endif -%}
{%- endmacro %}

{#- dbt's unit-test fixtures cast every value through safe_cast, with the
    types declared in the raw contract and the model contracts. -#}
{% macro spark__safe_cast(field, type) -%}
    cast({{ field }} as {{ revops.spark_type(type) }})
{%- endmacro %}
