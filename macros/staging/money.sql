{#- Stripe (and other billing tools) land money in minor units (cents) of the
    row's currency; the warehouse carries major units everywhere. Multiplying
    by a decimal literal keeps the result exact (dividing by an integer would
    give a floating-point number on DuckDB). -#}
{% macro minor_to_major(expression) -%}
    cast(cast({{ expression }} as {{ revops.type_money() }}) * 0.01 as {{ revops.type_money() }})
{%- endmacro %}

{#- Currency and other codes compare upper-cased and trimmed. -#}
{% macro normalize_code(expression) -%}
    nullif(upper(trim({{ expression }})), '')
{%- endmacro %}
