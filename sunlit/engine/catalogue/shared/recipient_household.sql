-- ---
-- name: recipient_household
-- doc: >-
--   Each relief recipient and everyone in the recipient's household, one row per (recipient_id,
--   member_id) with the member's relation: the recipient in person (本人), the others as the household
--   register gives their relation to the head of the household.
-- reads: [relief_recipient, household]
-- ---
select distinct r.person_id as recipient_id, r.person_id as member_id, '本人' as relation
from relief_recipient as r
union
select distinct r.person_id as recipient_id, h.person_id as member_id, h.relation_to_head as relation
from relief_recipient as r
join household as h
  on h.household_id = r.household_id
where h.person_id <> r.person_id
