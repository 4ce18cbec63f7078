{#- The contracted ARR movements: their columns as int_revenue__arr_movements
    computes them (the logic lives there so intermediate models can read it). -#}
with

arr_movements as (
    select * from {{ ref('int_revenue__arr_movements') }}
),

final as (
    select
        account_id,
        iso_week,
        week_end_date,
        movement_type,
        previous_arr,
        arr,
        new_arr,
        reactivation_arr,
        expansion_arr,
        contraction_arr,
        churned_arr,
        net_new_arr,
        is_customer,
        arr_52_weeks_ago
    from arr_movements
)

select * from final
