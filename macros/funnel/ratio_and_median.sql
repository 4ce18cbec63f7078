{#- Type for ratios and rates (not money): a double-precision float. -#}
{% macro type_ratio() -%}
    {{ return(adapter.dispatch('type_ratio', 'revops')()) }}
{%- endmacro %}

{% macro default__type_ratio() -%}
    double precision
{%- endmacro %}

{% macro duckdb__type_ratio() -%}
    double
{%- endmacro %}

{#- The median of an expression, as an aggregate (use with group by).
    Nulls are ignored; an even count averages the two middle values. -#}
{% macro median(expression) -%}
    {{ return(adapter.dispatch('median', 'revops')(expression)) }}
{%- endmacro %}

{% macro default__median(expression) -%}
    percentile_cont(0.5) within group (order by {{ expression }})
{%- endmacro %}

{% macro duckdb__median(expression) -%}
    median({{ expression }})
{%- endmacro %}

{% macro spark__type_ratio() -%}
    double
{%- endmacro %}
