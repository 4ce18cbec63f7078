{{ revops.quarantined_rows('zendesk', 'domain_name') }}
