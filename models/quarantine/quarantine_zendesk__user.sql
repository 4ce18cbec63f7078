{{ revops.quarantined_rows('zendesk', 'user') }}
