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

{#- Conversion rates carry more digits than money. -#}
{% macro type_fx_rate() -%}
    decimal(38, 12)
{%- endmacro %}

{#- An amount in the reporting currency, given the day's rate from
    int_finance__fx_rates_daily (joined on currency_code and the metric's FX
    date). A missing rate gives null: the amount is left out and reported. -#}
{% macro to_reporting_currency(amount, rate) -%}
    cast({{ amount }} * {{ rate }} as {{ revops.type_money() }})
{%- endmacro %}
