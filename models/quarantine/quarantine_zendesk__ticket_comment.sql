{{ revops.quarantined_rows('zendesk', 'ticket_comment') }}
