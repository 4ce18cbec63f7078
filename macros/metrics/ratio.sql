{#- numerator / denominator x scale, null (not zero) when the denominator is
    zero or null (metrics spec, Conventions). -#}
{% macro safe_ratio(numerator, denominator, scale=1) -%}
    case
        when {{ denominator }} is null or {{ denominator }} = 0 then null
        else cast({{ numerator }} as {{ revops.type_ratio() }}) * {{ scale }} / cast({{ denominator }} as {{ revops.type_ratio() }})
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

{#- Turns one row per week with a column per measure into the metrics
    layer's long shape (iso_week, metric_key, metric_value, numerator,
    denominator, detail). Each metric is either a value ({'key', 'value'},
    optionally with the 'numerator' and 'denominator' it was computed from)
    or a ratio ({'key', 'numerator', 'denominator', 'scale'}), whose value is
    null when the denominator is zero. -#}
{% macro unpivot_metrics(relation, metrics) -%}
    {%- for metric in metrics %}
    select
        iso_week,
        '{{ metric.key }}' as metric_key,
        {%- if metric.value is defined %}
        cast({{ metric.value }} as {{ revops.type_metric() }}) as metric_value,
        cast({{ metric.numerator or 'null' }} as {{ revops.type_metric() }}) as numerator,
        cast({{ metric.denominator or 'null' }} as {{ revops.type_metric() }}) as denominator,
        {%- else %}
        cast({{ revops.safe_ratio(metric.numerator, metric.denominator, metric.scale or 1) }} as {{ revops.type_metric() }})
            as metric_value,
        cast({{ metric.numerator }} as {{ revops.type_metric() }}) as numerator,
        cast({{ metric.denominator }} as {{ revops.type_metric() }}) as denominator,
        {%- endif %}
        cast({{ metric.detail or 'null' }} as {{ dbt.type_string() }}) as detail
    from {{ relation }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
{%- endmacro %}
