-- ---
-- name: cadre_circle
-- doc: >-
--   Each cadre's circle, one row per (cadre_person_id, person_id) tie with its relation and closeness:
--   the cadre in person (本人, 1), the close relatives the cadre declared in kinship (the declared
--   relation, else 近亲属; 2) and the other members of the cadre's household (同户, 3). Kinship is read
--   in the direction it is declared: the cadre is its person_id.
-- reads: [cadre, kinship, household]
-- ---
select person_id as cadre_person_id, person_id, '本人' as relation, 1 as closeness
from cadre
union
select r.person_id, r.relative_person_id, coalesce(r.relation, '近亲属'), 2
from kinship as r
where r.person_id in (select person_id from cadre)
union
select own.person_id, member.person_id, '同户', 3
from household as own
join household as member
  on member.household_id = own.household_id
 and member.person_id <> own.person_id
where own.person_id in (select person_id from cadre)
