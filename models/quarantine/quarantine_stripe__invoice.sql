{{ revops.quarantined_rows('stripe', 'invoice') }}
