{{ revops.quarantined_rows('delighted', 'response') }}
