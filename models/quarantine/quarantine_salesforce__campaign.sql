{{ revops.quarantined_rows('salesforce', 'campaign') }}
