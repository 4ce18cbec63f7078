{{ revops.quarantined_rows('zendesk', 'organization') }}
