{{ revops.quarantined_rows('salesforce', 'opportunity') }}
