{{ revops.quarantined_rows('salesforce', 'user') }}
