{#- The free_mail_domains seed as the set of normalised domains (trimmed,
    lowercase, distinct) that every domain match compares against: a
    free-mail address says nothing about the company behind it. The body of
    an import CTE; one definition, so accounts, persons and dim_accounts can
    never disagree on what counts as free mail. -#}
{% macro free_mail_domains() -%}
    select distinct lower(trim(domain)) as domain
    from {{ ref('free_mail_domains') }}
{%- endmacro %}
