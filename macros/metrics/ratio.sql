{#- numerator / denominator x scale, null (not zero) when the denominator is
    zero or null (metrics spec, Conventions). -#}
{% macro safe_ratio(numerator, denominator, scale=1) -%}
    case
        when {{ denominator }} is null or {{ denominator }} = 0 then null
        else cast({{ numerator }} as double) * {{ scale }} / cast({{ denominator }} as double)
    end
{%- endmacro %}

{#- The exact type every metric value, numerator and denominator is stored in. -#}
{% macro type_metric() -%}
    decimal(38, 6)
{%- endmacro %}

{#- The distinct values of a column joined into one sorted string (null when none). -#}
{% macro string_agg_sorted(expression, delimiter) -%}
    {{ return(adapter.dispatch('string_agg_sorted', 'revops')(expression, delimiter)) }}
{%- endmacro %}

{% macro default__string_agg_sorted(expression, delimiter) -%}
    string_agg(distinct {{ expression }}, {{ delimiter }} order by {{ expression }})
{%- endmacro %}

{% macro spark__string_agg_sorted(expression, delimiter) -%}
    nullif(array_join(array_sort(collect_set({{ expression }})), {{ delimiter }}), '')
{%- endmacro %}
