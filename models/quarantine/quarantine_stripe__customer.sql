{{ revops.quarantined_rows('stripe', 'customer') }}
