{#- The aggregate columns that sum up a record's (or a person's) domain
    evidence, so accounts and persons match on domains by the same rule.
    Read from rows with domain, account_id, account_count (how many live
    Salesforce accounts own the domain) and is_free_mail; group by the key.
    A domain owned by exactly one account is a match; one owned by several
    is ambiguous; domain_tried is the most telling domain for reports
    (matched, else ambiguous, else a company domain, else any). -#}
{% macro domain_match_summary() -%}
    count(distinct case when account_count = 1 then account_id end) as matched_account_count,
    min(case when account_count = 1 then account_id end) as matched_account_id,
    max(case when account_count > 1 then 1 else 0 end) = 1 as has_ambiguous_domain,
    max(case when is_free_mail then 0 else 1 end) = 1 as has_company_domain,
    coalesce(
        min(case when account_count = 1 then domain end),
        min(case when account_count > 1 then domain end),
        min(case when not is_free_mail then domain end),
        min(domain)
    ) as domain_tried
{%- endmacro %}
