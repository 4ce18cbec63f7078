{#- A day spine from var calendar_start_date for calendar_days days, built
    from digits so it runs on every engine without a generator function. -#}
{%- set start_date = var('calendar_start_date') -%}
{%- set fiscal_start_month = var('fiscal_year_start_month') | int -%}

with

digits as (
    select 0 as digit
    union all
    select 1
    union all
    select 2
    union all
    select 3
    union all
    select 4
    union all
    select 5
    union all
    select 6
    union all
    select 7
    union all
    select 8
    union all
    select 9
),

day_numbers as (
    select
        ones.digit
        + tens.digit * 10
        + hundreds.digit * 100
        + thousands.digit * 1000
        + ten_thousands.digit * 10000 as day_number
    from digits as ones
    cross join digits as tens
    cross join digits as hundreds
    cross join digits as thousands
    cross join digits as ten_thousands
),

days as (
    select cast({{ dbt.dateadd('day', 'day_number', "cast('" ~ start_date ~ "' as date)") }} as date) as calendar_date
    from day_numbers
    where day_number < {{ var('calendar_days') }}
),

enriched as (
    select
        calendar_date,
        {{ revops.iso_week_key('calendar_date') }} as iso_week,
        {{ revops.iso_week_start('calendar_date') }} as week_start_date,
        cast({{ dbt.dateadd('day', 6, revops.iso_week_start('calendar_date')) }} as date) as week_end_date,
        cast({{ dbt.date_trunc('month', 'calendar_date') }} as date) as month_start_date,
        cast({{ dbt.date_trunc('quarter', 'calendar_date') }} as date) as quarter_start_date,
        extract(year from calendar_date) as calendar_year,
        extract(month from calendar_date) as calendar_month,
        -- fiscal year named by the calendar year in which it ends
        case
            when {{ fiscal_start_month }} = 1 then extract(year from calendar_date)
            when extract(month from calendar_date) >= {{ fiscal_start_month }}
                then extract(year from calendar_date) + 1
            else extract(year from calendar_date)
        end as fiscal_year,
        cast(floor(
            mod(cast(extract(month from calendar_date) as integer) - {{ fiscal_start_month }} + 12, 12) / 3.0
        ) as integer) + 1 as fiscal_quarter
    from days
),

final as (
    select
        calendar_date,
        iso_week,
        week_start_date,
        week_end_date,
        month_start_date,
        quarter_start_date,
        cast(calendar_year as integer) as calendar_year,
        cast(calendar_month as integer) as calendar_month,
        cast(fiscal_year as integer) as fiscal_year,
        fiscal_quarter,
        {{ dbt.concat([
            "'FY'",
            "cast(cast(fiscal_year as integer) as " ~ dbt.type_string() ~ ")",
            "'-Q'",
            "cast(fiscal_quarter as " ~ dbt.type_string() ~ ")"
        ]) }} as fiscal_quarter_name
    from enriched
)

select * from final
