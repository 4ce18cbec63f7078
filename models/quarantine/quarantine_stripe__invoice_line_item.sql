{{ revops.quarantined_rows('stripe', 'invoice_line_item') }}
