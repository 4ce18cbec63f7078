{{ revops.quarantined_rows('zendesk', 'satisfaction_rating') }}
