{{ revops.quarantined_rows('hubspot', 'contact_form_submission') }}
