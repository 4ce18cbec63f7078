{#- The Stripe invoice lines that make MRR (metrics spec, Revenue): type
    'subscription' exactly, not a proration, on a live invoice whose latest
    status is paid or open, of a live customer resolved to an account. The
    line's own period counts, by date; FX at the period_start date. -#}
with

line_items as (
    select * from {{ ref('stg_stripe__invoice_line_item') }}
),

invoices as (
    select * from {{ ref('stg_stripe__invoice') }}
),

account_records as (
    select * from {{ ref('int_identity__account_record_matches') }}
),

accounts as (
    select * from {{ ref('int_identity__accounts') }}
),

fx_rates as (
    select * from {{ ref('int_finance__fx_rates_daily') }}
),

revenue_lines as (
    select
        line_items.invoice_line_item_id,
        line_items.invoice_id,
        invoices.stripe_customer_id,
        line_items.subscription_id,
        line_items.amount,
        line_items.quantity,
        cast(line_items.period_start_at as date) as period_start_date,
        cast(line_items.period_end_at as date) as period_end_date,
        coalesce(line_items.currency_code, invoices.currency_code, 'USD') as currency_code
    from line_items
    inner join invoices
        on line_items.invoice_id = invoices.invoice_id
    where
        not line_items.is_deleted
        and not invoices.is_deleted
        and line_items.line_item_type = 'subscription'
        and not line_items.is_proration
        and invoices.status_normalized in ('paid', 'open')
),

with_account as (
    select
        revenue_lines.*,
        account_records.account_id,
        accounts.is_internal
    from revenue_lines
    inner join account_records
        on
            account_records.source_system = 'stripe'
            and account_records.source_table = 'customer'
            and revenue_lines.stripe_customer_id = account_records.source_record_id
    inner join accounts
        on account_records.account_id = accounts.account_id
),

final as (
    select
        with_account.invoice_line_item_id,
        with_account.invoice_id,
        with_account.stripe_customer_id,
        with_account.account_id,
        with_account.is_internal,
        with_account.subscription_id,
        with_account.quantity,
        with_account.currency_code,
        with_account.amount,
        with_account.period_start_date,
        with_account.period_end_date,
        {{ revops.billing_period_months('with_account.period_start_date', 'with_account.period_end_date') }}
            as period_months,
        fx_rates.to_reporting_rate,
        fx_rates.to_reporting_rate is null as is_missing_fx_rate,
        -- no rate on or before period_start: left out (null) and counted as a warning
        cast(
            {{ revops.to_reporting_currency('with_account.amount', 'fx_rates.to_reporting_rate') }}
            / {{ revops.billing_period_months('with_account.period_start_date', 'with_account.period_end_date') }}
            as {{ revops.type_money() }}
        ) as mrr
    from with_account
    left join fx_rates
        on
            with_account.currency_code = fx_rates.currency_code
            and with_account.period_start_date = fx_rates.calendar_date
)

select * from final
