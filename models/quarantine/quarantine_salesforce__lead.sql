{{ revops.quarantined_rows('salesforce', 'lead') }}
