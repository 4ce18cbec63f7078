{#- One definition of email normalisation and domain extraction, used by
    every staging model that carries an email or a website. -#}

{% macro normalize_email(expression) -%}
    nullif(lower(trim({{ expression }})), '')
{%- endmacro %}

{#- The part after the last '@' of a normalised email; null when the value
    has no '@' or nothing after it. -#}
{% macro email_domain(expression) -%}
    case
        when {{ revops.normalize_email(expression) }} like '%@%'
            then nullif({{ revops.split_part_last(revops.normalize_email(expression), "'@'") }}, '')
    end
{%- endmacro %}

{#- A website's domain: scheme, 'www.', path, query and port stripped. -#}
{% macro url_domain(expression) -%}
    nullif(
        {{ revops.regexp_replace(
            "lower(trim(" ~ expression ~ "))",
            "'^([a-z][a-z0-9+.-]*://)?(www\\.)?([^/:?#]*).*$'",
            "'\\3'"
        ) }},
        ''
    )
{%- endmacro %}

{% macro split_part_last(expression, delimiter) -%}
    {{ return(adapter.dispatch('split_part_last', 'revops')(expression, delimiter)) }}
{%- endmacro %}

{% macro default__split_part_last(expression, delimiter) -%}
    split_part({{ expression }}, {{ delimiter }}, -1)
{%- endmacro %}

{% macro regexp_replace(expression, pattern, replacement) -%}
    {{ return(adapter.dispatch('regexp_replace', 'revops')(expression, pattern, replacement)) }}
{%- endmacro %}

{% macro default__regexp_replace(expression, pattern, replacement) -%}
    regexp_replace({{ expression }}, {{ pattern }}, {{ replacement }})
{%- endmacro %}

{#- Spark reads backslashes in string literals as escapes and writes group
    references in a replacement as $n: double the pattern's backslashes and
    turn \n references into $n. -#}
{% macro spark__regexp_replace(expression, pattern, replacement) -%}
    {%- set spark_replacement = namespace(text=replacement) -%}
    {%- for group in range(10) -%}
        {%- set spark_replacement.text = spark_replacement.text.replace('\\' ~ group, '$' ~ group) -%}
    {%- endfor -%}
    regexp_replace({{ expression }}, {{ pattern.replace('\\', '\\\\') }}, {{ spark_replacement.text }})
{%- endmacro %}
