{{ revops.quarantined_rows('stripe', 'subscription_item') }}
