{{ revops.quarantined_rows('hubspot', 'email_event') }}
