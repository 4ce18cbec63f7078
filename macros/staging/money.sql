{#- Stripe (and other billing tools) land money in minor units (cents) of the
    row's currency; the warehouse carries major units everywhere. -#}
{% macro minor_to_major(expression) -%}
    cast({{ expression }} as {{ revops.type_money() }}) / 100
{%- endmacro %}

{#- Currency and other codes compare upper-cased and trimmed. -#}
{% macro normalize_code(expression) -%}
    nullif(upper(trim({{ expression }})), '')
{%- endmacro %}
