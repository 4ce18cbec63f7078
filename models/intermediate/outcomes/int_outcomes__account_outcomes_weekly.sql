{#- Per account and reporting week, the outcome facts the loop back to
    marketing and sales aggregates: ARR now and 364 days earlier, churn in
    the trailing 52 weeks, customer-success signals of the trailing 13 weeks,
    and days from the first won deal to the first invoice. -#}
with

account_arr as (
    select * from {{ ref('int_revenue__account_arr_weekly') }}
),

activity as (
    select * from {{ ref('int_support__account_activity_weekly') }}
),

subscription_lines as (
    select * from {{ ref('int_revenue__subscription_lines') }}
),

invoices as (
    select * from {{ ref('stg_stripe__invoice') }}
),

accounts as (
    select * from {{ ref('int_identity__accounts') }}
),

first_invoices as (
    select
        subscription_lines.account_id,
        min(cast(invoices.created_at as date)) as first_invoice_date
    from subscription_lines
    inner join invoices
        on subscription_lines.invoice_id = invoices.invoice_id
    group by subscription_lines.account_id
),

churn_flags as (
    select
        account_arr.*,
        case when account_arr.previous_arr > 0 and account_arr.arr <= 0 then 1 else 0 end as is_churn_week,
        case
            when account_arr.previous_arr > 0 and account_arr.arr <= 0
                then account_arr.previous_arr - account_arr.arr
            else 0
        end as churned_arr
    from account_arr
),

final as (
    select
        churn_flags.account_id,
        churn_flags.iso_week,
        churn_flags.week_end_date,
        churn_flags.arr,
        case when churn_flags.arr > 0 then 1 else 0 end as is_customer,
        churn_flags.arr_52_weeks_ago,
        case when churn_flags.arr_52_weeks_ago > 0 then 1 else 0 end as is_in_retention_cohort,
        case when churn_flags.arr_52_weeks_ago > 0 and churn_flags.arr > 0 then 1 else 0 end as is_retained,
        case
            when coalesce(churn_flags.arr_52_weeks_ago, 0) <= 0 then 0
            when churn_flags.arr <= 0 then 0
            else churn_flags.arr
        end as cohort_arr,
        case
            when coalesce(churn_flags.arr_52_weeks_ago, 0) <= 0 then 0
            when churn_flags.arr <= 0 then 0
            when churn_flags.arr > churn_flags.arr_52_weeks_ago then churn_flags.arr_52_weeks_ago
            else churn_flags.arr
        end as cohort_arr_capped,
        sum(churn_flags.is_churn_week) over (
            partition by churn_flags.account_id order by churn_flags.week_number
            rows between 51 preceding and current row
        ) as logo_churn_52w,
        sum(churn_flags.churned_arr) over (
            partition by churn_flags.account_id order by churn_flags.week_number
            rows between 51 preceding and current row
        ) as churned_arr_52w,
        activity.tickets_13w,
        activity.promoters_13w,
        activity.detractors_13w,
        activity.nps_responses_13w,
        case
            when first_invoices.first_invoice_date <= churn_flags.week_end_date
                and accounts.first_won_date <= churn_flags.week_end_date
                then {{ revops.days_between('accounts.first_won_date', 'first_invoices.first_invoice_date') }}
        end as days_won_to_first_invoice
    from churn_flags
    inner join activity
        on
            churn_flags.account_id = activity.account_id
            and churn_flags.iso_week = activity.iso_week
    left join first_invoices
        on churn_flags.account_id = first_invoices.account_id
    left join accounts
        on churn_flags.account_id = accounts.account_id
)

select * from final
