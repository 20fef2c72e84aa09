-- ---
-- code: LAB-06
-- title: {zh: 务工人员同期在外单位参保就业, en: Worker in full-time insured employment elsewhere that month}
-- domain: labour
-- severity: yellow
-- basis: 村级小微权力清单 — village labour is paid for days worked in the village; an employee insured full-time elsewhere that month is unlikely to have worked them
-- subject: labour_payment
-- params:
--   wage_base_floor: {type: money, default: 3000, min: 0, max: 100000, doc: monthly insured wage base from which employment counts as full-time}
-- reads: [labour_payment, labour_attendance, social_insurance]
-- evidence: [person_id, name, task_id, month, employer_org_id, wage_base, paid_date]
-- ---
with insured as (
    -- months in which a person was insured by an employer at a wage base at or above the floor
    select person_id, period, employer_org_id, wage_base
    from social_insurance
    where employer_org_id is not null
      and wage_base >= :wage_base_floor
), insured_payments as (
    -- only the payments of people insured at some time can be insured elsewhere in a month worked
    select p.payment_id, p.village_code, p.task_id, p.person_id, p.name, p.amount, p.paid_date
    from labour_payment as p
    where p.person_id in (select person_id from insured)
), attended_months as (
    select distinct p.payment_id, strftime(a.work_date, '%Y-%m') as month
    from insured_payments as p
    join labour_attendance as a
      on a.task_id = p.task_id
     and a.person_id = p.person_id
), worked_months as (
    -- the months the work was done: from attendance, or the month paid when there is none
    select p.payment_id, p.village_code, p.task_id, p.person_id, p.name, p.amount, p.paid_date,
           coalesce(m.month, strftime(p.paid_date, '%Y-%m')) as month
    from insured_payments as p
    left join attended_months as m
      on m.payment_id = p.payment_id
), insured_elsewhere as (
    select w.payment_id, w.village_code, w.task_id, w.person_id, w.name, w.amount, w.paid_date, w.month,
           s.employer_org_id, s.wage_base
    from worked_months as w
    join insured as s
      on s.person_id = w.person_id
     and s.period = w.month
    qualify row_number() over (partition by w.payment_id order by w.month, s.wage_base desc, s.employer_org_id) = 1
)
select
    'labour_payment' as subject_type,
    payment_id as subject_id,
    village_code,
    strftime(paid_date, '%Y-%m') as period,
    amount as amount_involved,
    {'person_id': person_id, 'name': name, 'task_id': task_id, 'month': month, 'employer_org_id': employer_org_id,
     'wage_base': wage_base, 'paid_date': paid_date} as evidence,
    0.6 as score
from insured_elsewhere
