-- BI reads dim_persons: its email column must be the hash of the clear email
-- kept in restricted_person_emails, never an address. Fails with the persons
-- whose email is not.
select
    persons.person_id,
    persons.email as bi_email
from {{ ref('dim_persons') }} as persons
left join {{ ref('restricted_person_emails') }} as restricted
    on persons.person_id = restricted.person_id
where
    persons.email like '%@%'
    or coalesce(persons.email, '<null>') <> coalesce(restricted.email_hash, '<null>')
