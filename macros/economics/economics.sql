{#- The measures of channel economics, in one order: every event row
    (int_economics__channel_events) carries all of them, zero where the
    event does not contribute. Counts are bigint, money decimal(38, 6). -#}
{% macro economics_measures() -%}
    {{ return({
        'leads': 'count',
        'mqls': 'count',
        'sqls': 'count',
        'opportunities': 'count',
        'pipeline_created': 'money',
        'bookings': 'money',
        'customers_won': 'count',
        'new_arr': 'money',
        'new_arr_accounts': 'count',
        'cohort_matured_accounts': 'count',
        'cohort_starting_arr': 'money',
        'cohort_arr_12m': 'money'
    }) }}
{%- endmacro %}

{#- The select list of one kind of event: the given measures as given, all
    the others zero, each cast to its type. -#}
{% macro economics_event_columns(measures) -%}
    {%- for name, kind in revops.economics_measures().items() %}
        cast({{ measures.get(name, '0') }} as
            {{ dbt.type_bigint() if kind == 'count' else revops.type_money() }}) as {{ name }}
        {{- "," if not loop.last }}
    {%- endfor %}
{%- endmacro %}

{#- Months to earn back the cost of acquiring a customer: CAC / (new MRR per
    new paying account x gross margin). Null when any part is null or zero. -#}
{% macro cac_payback_months(cac, new_arr, new_arr_accounts) -%}
    {{ revops.safe_ratio(
        cac,
        '(' ~ revops.safe_ratio(new_arr, new_arr_accounts) ~ ' / 12 * ' ~ var('economics_gross_margin') ~ ')'
    ) }}
{%- endmacro %}

{#- The first day of the fiscal quarter holding a month, given the month's
    first day and its calendar month number (var fiscal_year_start_month
    starts fiscal quarters at months m, m + 3, m + 6, m + 9). -#}
{% macro fiscal_quarter_start(month_start_date, calendar_month) -%}
    cast({{ dbt.dateadd(
        'month',
        '-1 * mod(cast(' ~ calendar_month ~ ' as integer) - ' ~ (var('fiscal_year_start_month') | int) ~ ' + 12, 3)',
        month_start_date
    ) }} as date)
{%- endmacro %}

{#- The last day of a period that starts on period_start and lasts n months. -#}
{% macro period_last_day(period_start, months) -%}
    cast({{ dbt.dateadd('day', -1, dbt.dateadd('month', months, period_start)) }} as date)
{%- endmacro %}

{#- The channel economics mart of one attribution model: the contracted
    columns of int_economics__channel_periods, in one order for both marts. -#}
{% macro channel_economics_mart(attribution_model) -%}
with

channel_periods as (
    select * from {{ ref('int_economics__channel_periods') }}
    where attribution_model = '{{ attribution_model }}'
),

final as (
    select
        cast({{ revops.surrogate_key(['period_type', 'period_start_date', 'channel', 'segment']) }}
            as {{ dbt.type_string() }}) as channel_period_id,
        cast(attribution_model as {{ dbt.type_string() }}) as attribution_model,
        cast(period_type as {{ dbt.type_string() }}) as period_type,
        cast(period_start_date as date) as period_start_date,
        cast(period_end_date as date) as period_end_date,
        cast(period_name as {{ dbt.type_string() }}) as period_name,
        cast(is_complete_period as {{ dbt.type_boolean() }}) as is_complete_period,
        cast(channel as {{ dbt.type_string() }}) as channel,
        cast(segment as {{ dbt.type_string() }}) as segment,
        cast(spend as {{ revops.type_money() }}) as spend,
        cast(ad_spend as {{ revops.type_money() }}) as ad_spend,
        cast(campaign_spend as {{ revops.type_money() }}) as campaign_spend,
        cast(fx_rate_missing_rows as {{ dbt.type_bigint() }}) as fx_rate_missing_rows,
        {%- for name, kind in revops.economics_measures().items() %}
            cast({{ name }} as {{ dbt.type_bigint() if kind == 'count' else revops.type_money() }}) as {{ name }},
        {%- endfor %}
        {%- for name in [
            'cost_per_lead', 'cost_per_mql', 'cost_per_sql', 'cac', 'new_mrr_per_new_account',
            'cac_payback_months', 'pipeline_roi', 'first_year_roi'
        ] %}
            cast({{ name }} as {{ revops.type_ratio() }}) as {{ name }},
        {%- endfor %}
        cast(is_cohort_mature as {{ dbt.type_boolean() }}) as is_cohort_mature,
        cast(net_revenue_retention_12m as {{ revops.type_ratio() }}) as net_revenue_retention_12m,
        cast(retention_adjusted_value as {{ revops.type_ratio() }}) as retention_adjusted_value
    from channel_periods
)

select * from final
{%- endmacro %}

{#- Every economics measure as `<expression> as <measure>`, comma-separated;
    the expression template names the measure with {}. -#}
{% macro economics_measure_list(template) -%}
    {%- for name in revops.economics_measures() -%}
        {{ template | replace('{}', name) }} as {{ name }}{{ ",\n" if not loop.last }}
    {%- endfor -%}
{%- endmacro %}
