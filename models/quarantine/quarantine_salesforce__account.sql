{{ revops.quarantined_rows('salesforce', 'account') }}
