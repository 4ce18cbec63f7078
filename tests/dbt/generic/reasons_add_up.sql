{#- Fails with one row per week and reconciliation whose named reasons do not
    add up exactly to the difference between the team's count and the
    unified one. -#}
{% test reasons_add_up(model) %}
select
    iso_week,
    reconciliation_key,
    max(difference) as difference,
    sum(reason_count) as explained
from {{ model }}
group by iso_week, reconciliation_key
having max(difference) <> sum(reason_count) or max(difference) <> min(difference)
{% endtest %}
