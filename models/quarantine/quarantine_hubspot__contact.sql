{{ revops.quarantined_rows('hubspot', 'contact') }}
