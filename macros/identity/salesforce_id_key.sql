{#- The comparable form of a Salesforce id. Salesforce shows the same record
    as a 15-character (case-sensitive) id or as the 18-character id that
    begins with it (three checksum characters appended), so ids match on
    their first 15 characters. Used wherever two Salesforce ids are
    compared. -#}
{% macro salesforce_id_key(expression) -%}
    substring(nullif(trim({{ expression }}), ''), 1, 15)
{%- endmacro %}
