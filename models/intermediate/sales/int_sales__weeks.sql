{#- The ISO weeks the sales snapshots and forecasts cover: from the week of
    the first New Business or Expansion opportunity's creation to the last
    complete week of the landed CRM data (int_sales__data_as_of), each with
    the fiscal quarter holding its Sunday: first and last day, whole weeks
    from the Sunday to the quarter's last day (0 in the quarter's last
    week), and whether that quarter had ended by the last complete week.
    Nothing reads the clock. -#}
with

opportunities as (
    select * from {{ ref('int_sales__opportunities') }}
),

weeks as (
    select * from {{ ref('int_calendar__weeks') }}
),

days as (
    select * from {{ ref('int_calendar__days') }}
),

data_as_of as (
    select * from {{ ref('int_sales__data_as_of') }}
),

first_week as (
    select min({{ revops.iso_week_start('created_at') }}) as first_week_start_date
    from opportunities
    where is_new_business or is_expansion
),

covered_weeks as (
    select
        weeks.iso_week,
        weeks.week_start_date,
        weeks.week_end_date,
        weeks.week_end_at,
        data_as_of.last_complete_week_end_date
    from weeks
    cross join first_week
    cross join data_as_of
    where weeks.week_start_date >= first_week.first_week_start_date
        and weeks.week_end_date <= data_as_of.last_complete_week_end_date
),

sunday_quarters as (
    select
        covered_weeks.*,
        days.fiscal_year,
        days.fiscal_quarter,
        days.fiscal_quarter_name,
        {{ revops.fiscal_quarter_start('days.month_start_date', 'days.calendar_month') }} as quarter_start_date
    from covered_weeks
    inner join days
        on covered_weeks.week_end_date = days.calendar_date
),

quarter_ends as (
    select
        sunday_quarters.*,
        {{ revops.period_last_day('sunday_quarters.quarter_start_date', 3) }} as quarter_end_date
    from sunday_quarters
),

final as (
    select
        iso_week,
        week_start_date,
        week_end_date,
        week_end_at,
        fiscal_year,
        fiscal_quarter,
        fiscal_quarter_name,
        quarter_start_date,
        quarter_end_date,
        cast(floor({{ revops.days_between(
            'week_end_date',
            'quarter_end_date'
        ) }} / 7.0) as integer) as weeks_before_quarter_end,
        quarter_end_date <= last_complete_week_end_date as is_quarter_closed
    from quarter_ends
)

select * from final
