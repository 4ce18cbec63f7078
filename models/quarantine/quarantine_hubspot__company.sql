{{ revops.quarantined_rows('hubspot', 'company') }}
