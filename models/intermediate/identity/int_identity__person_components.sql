{#- One row per staged person record: the connected component it belongs to.
    Records and emails are the nodes of one graph (so an email shared by n
    records costs n edges, not n squared); explicit links join records
    directly. Each node starts with its own label (an email: the smallest
    record id carrying it) and, round after round, takes the smallest label
    among itself and its neighbours. The rounds are unrolled in Jinja
    (var identity_max_iterations) so the SQL runs on any engine without a
    recursive CTE; the identity_resolution_converged test fails if they
    were too few. Deleted records are not nodes: they never link anyone. -#}
{%- set max_iterations = var('identity_max_iterations', 10) | int -%}
with

person_records as (
    select * from {{ ref('int_identity__person_records') }}
),

person_links as (
    select * from {{ ref('int_identity__person_links') }}
),

live_records as (
    select
        person_record_id,
        email,
        {{ dbt.concat(["'email:'", "email"]) }} as email_node_id
    from person_records
    where not is_deleted
),

email_nodes as (
    select
        email_node_id as node_id,
        min(person_record_id) as initial_label,
        count(*) as record_count
    from live_records
    where email is not null
    group by email_node_id
),

nodes as (
    select
        person_record_id as node_id,
        person_record_id as initial_label
    from live_records

    union all

    select
        node_id,
        initial_label
    from email_nodes
),

-- undirected edges, each node also its own neighbour so a round keeps the
-- current label when no neighbour has a smaller one
edges as (
    select
        node_id,
        node_id as neighbor_id
    from nodes
    union all
    select
        person_record_id as node_id,
        email_node_id as neighbor_id
    from live_records
    where email is not null
    union all
    select
        email_node_id as node_id,
        person_record_id as neighbor_id
    from live_records
    where email is not null
    union all
    select
        person_record_id as node_id,
        linked_person_record_id as neighbor_id
    from person_links
    union all
    select
        linked_person_record_id as node_id,
        person_record_id as neighbor_id
    from person_links
),

labels_0 as (
    select
        node_id,
        initial_label as component_label
    from nodes
),

{% for iteration in range(1, max_iterations + 1) %}
    labels_{{ iteration }} as (
        select
            edges.node_id,
            min(previous_labels.component_label) as component_label
        from edges
        inner join labels_{{ iteration - 1 }} as previous_labels
            on edges.neighbor_id = previous_labels.node_id
        group by edges.node_id
    ),
{% endfor %}

components as (
    select
        node_id as person_record_id,
        component_label as component_record_id
    from labels_{{ max_iterations }}
),

-- the strongest link that attached each record; an email attaches a record
-- only when another live record shares it
record_link_rules as (
    select
        person_record_id,
        link_rule
    from person_links
    union all
    select
        linked_person_record_id as person_record_id,
        link_rule
    from person_links
    union all
    select
        live_records.person_record_id,
        'email' as link_rule
    from live_records
    inner join email_nodes
        on live_records.email_node_id = email_nodes.node_id
    where email_nodes.record_count > 1
),

strongest_link_rules as (
    select
        person_record_id,
        min(
            case link_rule
                when 'salesforce_conversion' then 1
                when 'hubspot_salesforce_id' then 2
                when 'hubspot_merge' then 3
                when 'email' then 4
            end
        ) as link_rule_rank
    from record_link_rules
    group by person_record_id
),

internal_components as (
    select
        components.component_record_id,
        max(case when person_records.is_internal then 1 else 0 end) = 1 as is_internal
    from components
    inner join person_records
        on components.person_record_id = person_records.person_record_id
    group by components.component_record_id
),

final as (
    select
        person_records.person_record_id,
        person_records.source_system,
        person_records.source_table,
        person_records.source_record_id,
        person_records.email,
        person_records.email_domain,
        person_records.created_at,
        person_records.is_deleted,
        person_records.is_internal as is_internal_record,
        components.component_record_id,
        case
            when components.component_record_id is not null
                then {{ revops.surrogate_key(['components.component_record_id']) }}
        end as person_id,
        case
            when person_records.is_deleted then 'deleted'
            when strongest_link_rules.link_rule_rank = 1 then 'salesforce_conversion'
            when strongest_link_rules.link_rule_rank = 2 then 'hubspot_salesforce_id'
            when strongest_link_rules.link_rule_rank = 3 then 'hubspot_merge'
            when strongest_link_rules.link_rule_rank = 4 then 'email'
            else 'own_record'
        end as match_rule,
        -- a person with any internal record is internal, with all its records
        coalesce(internal_components.is_internal, person_records.is_internal) as is_internal
    from person_records
    left join components
        on person_records.person_record_id = components.person_record_id
    left join strongest_link_rules
        on person_records.person_record_id = strongest_link_rules.person_record_id
    left join internal_components
        on components.component_record_id = internal_components.component_record_id
)

select * from final
