{{ revops.quarantined_rows('finance', 'fx_rate') }}
