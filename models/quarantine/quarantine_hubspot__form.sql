{{ revops.quarantined_rows('hubspot', 'form') }}
