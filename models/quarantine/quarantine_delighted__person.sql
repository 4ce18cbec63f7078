{{ revops.quarantined_rows('delighted', 'person') }}
