{#- Months in a billing period (metrics spec, Revenue): days between the two
    dates divided by 30.4375, rounded half away from zero, at least 1.
    days / 30.4375 is never exactly k + 0.5 for whole days (30.4375 = 487/16),
    so floor(x + 0.5) is the half-away rounding for every positive period. -#}
{% macro billing_period_months(start_date, end_date) -%}
    greatest(
        1,
        cast(floor({{ revops.days_between(start_date, end_date) }} / 30.4375 + 0.5) as integer)
    )
{%- endmacro %}

{#- NPS category of a 0-10 score: promoter 9-10, passive 7-8, detractor 0-6. -#}
{% macro nps_category(score) -%}
    case
        when {{ score }} >= 9 then 'promoter'
        when {{ score }} >= 7 then 'passive'
        when {{ score }} >= 0 then 'detractor'
    end
{%- endmacro %}

{#- Data test: in every row, net_new equals the movement parts exactly, and
    equals arr minus previous_arr. Fails with the rows that do not add up. -#}
{% test arr_movements_add_up(model, arr_column='arr', previous_arr_column='previous_arr') %}
select *
from {{ model }}
where
    net_new_arr <> new_arr + reactivation_arr + expansion_arr - contraction_arr - churned_arr
    or net_new_arr <> {{ arr_column }} - {{ previous_arr_column }}
{% endtest %}

{#- NPS: (promoters - detractors) / responses x 100, one decimal (half away
    from zero); null without responses. -#}
{#- Rounded as a decimal: round(double, n) does not exist on PostgreSQL, and
    decimal rounding is half away from zero on every engine. -#}
{% macro nps_score(promoters, detractors, responses) -%}
    round(
        cast(
            cast(({{ promoters }}) - ({{ detractors }}) as {{ revops.type_money() }}) * 100
            / nullif({{ responses }}, 0)
            as {{ revops.type_money() }}
        ),
        1
    )
{%- endmacro %}
