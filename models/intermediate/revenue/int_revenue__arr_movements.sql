{#- ARR movements (fct_arr_movements selects them as they are): each
    account-week with ARR on either Sunday classified new, reactivation,
    expansion, contraction, churned or unchanged, with the movement amounts.
    Channel economics reads new ARR here rather than the mart. -#}
with

account_arr as (
    select * from {{ ref('int_revenue__account_arr_weekly') }}
),

changed as (
    -- an account-week counts when the account had ARR on either Sunday
    select * from account_arr
    where arr <> 0 or previous_arr <> 0
),

classified as (
    select
        *,
        case
            when previous_arr <= 0 and arr > 0 and was_positive_before then 'reactivation'
            when previous_arr <= 0 and arr > 0 then 'new'
            when previous_arr > 0 and arr <= 0 then 'churned'
            when arr > previous_arr then 'expansion'
            when arr < previous_arr then 'contraction'
            else 'unchanged'
        end as movement_type
    from changed
),

final as (
    select
        cast(account_id as {{ dbt.type_string() }}) as account_id,
        cast(iso_week as {{ dbt.type_string() }}) as iso_week,
        cast(week_end_date as date) as week_end_date,
        cast(movement_type as {{ dbt.type_string() }}) as movement_type,
        cast(previous_arr as {{ revops.type_money() }}) as previous_arr,
        cast(arr as {{ revops.type_money() }}) as arr,
        cast(case when movement_type = 'new' then arr - previous_arr else 0 end as {{ revops.type_money() }})
            as new_arr,
        cast(case when movement_type = 'reactivation' then arr - previous_arr else 0 end as {{ revops.type_money() }})
            as reactivation_arr,
        cast(case when movement_type = 'expansion' then arr - previous_arr else 0 end as {{ revops.type_money() }})
            as expansion_arr,
        cast(case when movement_type = 'contraction' then previous_arr - arr else 0 end as {{ revops.type_money() }})
            as contraction_arr,
        cast(case when movement_type = 'churned' then previous_arr - arr else 0 end as {{ revops.type_money() }})
            as churned_arr,
        cast(arr - previous_arr as {{ revops.type_money() }}) as net_new_arr,
        cast(arr > 0 as {{ dbt.type_boolean() }}) as is_customer,
        cast(arr_52_weeks_ago as {{ revops.type_money() }}) as arr_52_weeks_ago
    from classified
)

select * from final
