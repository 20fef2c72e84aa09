-- ---
-- code: REL-01
-- title: {zh: 救助对象（或家庭成员）经营或持有存续企业, en: Relief recipient or household member runs or owns an active enterprise}
-- domain: relief
-- severity: red
-- basis: 《社会救助暂行办法》 and 最低生活保障审核确认办法 — eligibility is judged on the income and property of the whole household (家庭经济状况)
-- subject: relief_recipient
-- params:
--   relief_types: {type: list, default: [minimum_living, extreme_poverty], doc: means-tested relief types the rule applies to}
--   roles: {type: list, default: [legal_rep, shareholder, director, manager], doc: roles in an enterprise that count as running or owning it}
-- uses: [recipient_household]
-- reads: [relief_payment, relief_recipient, household, enterprise, enterprise_person]
-- evidence: [person_id, relief_type, year, member_person_id, relation, org_id, enterprise_name, role, months, first_period]
-- ---
with paid_months as (
    select pay.payment_id, pay.person_id, pay.village_code, pay.relief_type, pay.period, pay.amount,
           cast(pay.period || '-01' as date) as month_start
    from relief_payment as pay
    where list_contains(:relief_types, pay.relief_type)
), enterprise_roles as (
    select org_id, person_id, role from enterprise_person
    union
    select org_id, legal_rep_person_id as person_id, 'legal_rep' as role
    from enterprise
    where legal_rep_person_id is not null
), hits as (
    -- a paid month in which a household member held a counted role in an enterprise active on the 1st
    select m.payment_id, m.person_id, m.village_code, m.relief_type, m.period, m.amount,
           hm.member_id, hm.relation, e.org_id, e.name as enterprise_name, er.role
    from paid_months as m
    join recipient_household as hm
      on hm.recipient_id = m.person_id
    join enterprise_roles as er
      on er.person_id = hm.member_id
     and list_contains(:roles, er.role)
    join enterprise as e
      on e.org_id = er.org_id
     and e.established_date <= m.month_start
     and ((e.closed_date is not null and m.month_start < e.closed_date)
          or (e.closed_date is null and e.status = 'active'))
    qualify row_number() over (partition by m.payment_id order by hm.relation = '本人' desc, e.org_id, er.role) = 1
), per_year as (
    select person_id, village_code, relief_type, period, member_id, relation, org_id, enterprise_name, role,
           substr(period, 1, 4) as year,
           sum(amount) over (partition by person_id, relief_type, substr(period, 1, 4)) as amount_at_stake,
           count(*) over (partition by person_id, relief_type, substr(period, 1, 4)) as months
    from hits
    qualify row_number() over (partition by person_id, relief_type, substr(period, 1, 4)
                               order by period, payment_id) = 1
)
select
    'relief_recipient' as subject_type,
    person_id || '/' || relief_type as subject_id,
    village_code,
    year as period,
    amount_at_stake as amount_involved,
    {'person_id': person_id, 'relief_type': relief_type, 'year': year, 'member_person_id': member_id,
     'relation': relation, 'org_id': org_id, 'enterprise_name': enterprise_name, 'role': role, 'months': months,
     'first_period': period} as evidence,
    1.0 as score
from per_year
