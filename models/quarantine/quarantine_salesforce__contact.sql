{{ revops.quarantined_rows('salesforce', 'contact') }}
