{#- Fails with one row per required value that the column does not hold. -#}
{% test contains_values(model, column_name, values) %}
with required_values as (
    {% for value in values %}
    select '{{ value }}' as required_value{{ " union all" if not loop.last }}
    {% endfor %}
),

present_values as (
    select distinct lower(trim({{ column_name }})) as present_value
    from {{ model }}
)

select required_values.required_value
from required_values
left join present_values
    on required_values.required_value = present_values.present_value
where present_values.present_value is null
{% endtest %}
