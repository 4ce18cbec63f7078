{#- Aggregates events per key and week over a week-end window: one row per
    key and iso_week of `windows` (columns key, iso_week, window_start_at,
    week_end_at) that has at least one event of the same key before the
    week end (strictly before next Monday 00:00 UTC) and, when trailing, at
    or after window_start_at. measures maps each output column to its
    aggregate expression; conditions are further join predicates (e.g. a
    state interval holding the week end). The one implementation of "the
    trailing window ending with the week" for per-account weekly signals. -#}
{% macro window_aggregate(
    events, measures, event_at='created_at', trailing=true, conditions=[], windows='windows', key='account_id'
) -%}
    select
        {{ windows }}.{{ key }},
        {{ windows }}.iso_week,
        {%- for column_name, expression in measures.items() %}
        {{ expression }} as {{ column_name }}{{ "," if not loop.last }}
        {%- endfor %}
    from {{ windows }}
    inner join {{ events }}
        on
            {{ windows }}.{{ key }} = {{ events }}.{{ key }}
            {%- if trailing %}
            and {{ windows }}.window_start_at <= {{ events }}.{{ event_at }}
            {%- endif %}
            and {{ windows }}.week_end_at > {{ events }}.{{ event_at }}
            {%- for condition in conditions %}
            and {{ condition }}
            {%- endfor %}
    group by {{ windows }}.{{ key }}, {{ windows }}.iso_week
{%- endmacro %}
