{{ config(materialized='table') }}

{{ revops.unknown_row_values() }}
