{{ revops.quarantined_rows('ad_reporting', 'url_report') }}
