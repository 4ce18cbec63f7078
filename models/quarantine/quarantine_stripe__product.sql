{{ revops.quarantined_rows('stripe', 'product') }}
