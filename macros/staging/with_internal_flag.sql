{#- Adds `is_internal` to the rows of `relation`: true when the domain column
    is, or is a sub-domain of, a domain in the `internal_domains` seed (the
    company's own domains plus example.com, example.org and the reserved
    TLDs test and invalid). Matching through the distinct domains keeps the
    non-equi join tiny whatever the size of the table. -#}
{% macro with_internal_flag(relation, domain_column) -%}
    select
        flagged_base.*,
        coalesce(internal_match.is_internal, false) as is_internal
    from {{ relation }} as flagged_base
    left join (
        select distinct
            candidate.candidate_domain,
            true as is_internal
        from (select distinct {{ domain_column }} as candidate_domain from {{ relation }}) as candidate
        inner join {{ ref('internal_domains') }} as internal_domains
            on candidate.candidate_domain = lower(trim(internal_domains.domain))
            or candidate.candidate_domain like {{ dbt.concat(["'%.'", "lower(trim(internal_domains.domain))"]) }}
    ) as internal_match
        on flagged_base.{{ domain_column }} = internal_match.candidate_domain
{%- endmacro %}
