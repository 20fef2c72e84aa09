-- ---
-- code: REL-06
-- title: {zh: 救助对象系村干部近亲属（优亲厚友）, en: Relief recipient is a close relative of a village cadre}
-- domain: relief
-- severity: yellow
-- basis: 最低生活保障审核确认办法 — applications by close relatives of village cadres are registered and checked separately (近亲属备案); 优亲厚友 is a named abuse
-- subject: relief_recipient
-- params: {}
-- reads: [relief_recipient, cadre, kinship, household, relief_payment]
-- evidence: [person_id, relief_type, approved_date, cadre_person_id, cadre_name, position, relation, link, monthly_amount, paid_since_approval]
-- ---
with close_relatives as (
    -- (cadre, relative, relation, link): declared in kinship in either direction, the same household, or the cadre in person
    select person_id as cadre_person_id, relative_person_id, relation, 'kinship' as link from kinship
    where person_id in (select person_id from cadre)
    union
    select relative_person_id as cadre_person_id, person_id as relative_person_id, relation, 'kinship' as link from kinship
    where relative_person_id in (select person_id from cadre)
    union
    select c.person_id as cadre_person_id, m.person_id as relative_person_id, m.relation_to_head as relation,
           'household' as link
    from household as c
    join household as m
      on m.household_id = c.household_id
     and m.person_id <> c.person_id
    where c.person_id in (select person_id from cadre)
    union
    select person_id as cadre_person_id, person_id as relative_person_id, '本人' as relation, 'self' as link
    from cadre
), favoured as (
    -- approved while a close relative was a cadre of the recipient's village
    select r.person_id, r.village_code, r.relief_type, r.approved_date, r.end_date, r.monthly_amount,
           c.person_id as cadre_person_id, c.name as cadre_name, c.position, k.relation, k.link
    from relief_recipient as r
    join close_relatives as k
      on k.relative_person_id = r.person_id
    join cadre as c
      on c.person_id = k.cadre_person_id
     and c.village_code = r.village_code
     and r.approved_date >= c.term_start
     and (c.term_end is null or r.approved_date <= c.term_end)
    qualify row_number() over (partition by r.person_id, r.relief_type, r.approved_date
                               order by case k.link when 'self' then 0 when 'kinship' then 1 else 2 end,
                                        c.person_id, c.position) = 1
), paid as (
    select f.person_id, f.relief_type, f.approved_date, sum(pay.amount) as paid_since_approval
    from favoured as f
    join relief_payment as pay
      on pay.person_id = f.person_id
     and pay.relief_type = f.relief_type
     and pay.period >= strftime(f.approved_date, '%Y-%m')
     and (f.end_date is null or pay.period <= strftime(f.end_date, '%Y-%m'))
    group by f.person_id, f.relief_type, f.approved_date
)
select
    'relief_recipient' as subject_type,
    f.person_id || '/' || f.relief_type || '/' || strftime(f.approved_date, '%Y-%m-%d') as subject_id,
    f.village_code,
    strftime(f.approved_date, '%Y-%m') as period,
    p.paid_since_approval as amount_involved,
    {'person_id': f.person_id, 'relief_type': f.relief_type, 'approved_date': f.approved_date,
     'cadre_person_id': f.cadre_person_id, 'cadre_name': f.cadre_name, 'position': f.position,
     'relation': f.relation, 'link': f.link, 'monthly_amount': f.monthly_amount,
     'paid_since_approval': p.paid_since_approval} as evidence,
    case when f.link = 'self' then 0.9 else 0.6 end as score
from favoured as f
left join paid as p
  on p.person_id = f.person_id
 and p.relief_type = f.relief_type
 and p.approved_date = f.approved_date
