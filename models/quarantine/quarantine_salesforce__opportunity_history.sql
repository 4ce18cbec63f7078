{{ revops.quarantined_rows('salesforce', 'opportunity_history') }}
