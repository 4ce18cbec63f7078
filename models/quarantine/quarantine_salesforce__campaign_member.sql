{{ revops.quarantined_rows('salesforce', 'campaign_member') }}
