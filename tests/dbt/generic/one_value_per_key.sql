{#- Fails with one row per key that carries more than one distinct non-null
    value (e.g. a person linked to two accounts). -#}
{% test one_value_per_key(model, key_column, value_column) %}
select
    {{ key_column }} as key_value,
    count(distinct {{ value_column }}) as distinct_values
from {{ model }}
where {{ value_column }} is not null
group by {{ key_column }}
having count(distinct {{ value_column }}) > 1
{% endtest %}
