{#- Fails with one row per (week, metric key) of the grid that the table lacks:
    every metric defined in metric_definitions, for every week the metrics cover. -#}
{% test every_metric_every_week(model) %}
with

expected as (
    select
        weeks.iso_week,
        definitions.metric_key
    from {{ ref('metrics__weeks') }} as weeks
    cross join {{ ref('metric_definitions') }} as definitions
)

select
    expected.iso_week,
    expected.metric_key
from expected
left join {{ model }} as actual
    on
        expected.iso_week = actual.iso_week
        and expected.metric_key = actual.metric_key
where actual.metric_key is null
{% endtest %}
