{{ revops.quarantined_rows('zendesk', 'ticket') }}
