{#- A person's first touch in one tool: among its records (rows with
    person_id, person_record_id and created_at) whose source_column is not
    blank, the earliest created one (undated last, ties by record id), with
    that column and any extra_columns. HubSpot contacts and Salesforce
    leads/contacts pick a person's first touch by this one rule. -#}
{% macro first_touch_record(relation, source_column, extra_columns=[]) -%}
    select
        person_id,
        {{ ([source_column] + extra_columns) | join(",\n        ") }}
    from (
        select
            {{ relation }}.*,
            row_number() over (
                partition by {{ relation }}.person_id
                order by {{ relation }}.created_at asc nulls last, {{ relation }}.person_record_id asc
            ) as touch_rank
        from {{ relation }}
        where nullif(trim({{ relation }}.{{ source_column }}), '') is not null
    ) as ranked
    where touch_rank = 1
{%- endmacro %}
