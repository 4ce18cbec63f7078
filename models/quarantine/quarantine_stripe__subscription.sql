{{ revops.quarantined_rows('stripe', 'subscription') }}
