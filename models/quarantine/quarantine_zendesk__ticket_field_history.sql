{{ revops.quarantined_rows('zendesk', 'ticket_field_history') }}
