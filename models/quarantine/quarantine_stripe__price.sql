{{ revops.quarantined_rows('stripe', 'price') }}
