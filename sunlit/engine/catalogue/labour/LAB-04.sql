-- ---
-- code: LAB-04
-- title: {zh: 死亡人员领取务工报酬, en: Labour paid for a work date after the worker's death}
-- domain: labour
-- severity: red
-- basis: 村级小微权力清单 — labour pay follows days actually worked; pay for days after a death is pay to a fictitious worker (冒名顶替)
-- subject: labour_payment
-- params: {}
-- reads: [labour_payment, labour_attendance, death]
-- evidence: [person_id, name, task_id, death_date, days_after_death, first_work_date_after_death, paid_date]
-- ---
with after_death as (
    -- the days each task recorded a person as attending after their registered death (the death
    -- registry is small), one row per task and person, before any payment is read
    select a.task_id, a.person_id, min(x.death_date) as death_date,
           count(distinct a.work_date) as days_after_death, min(a.work_date) as first_work_date_after_death
    from labour_attendance as a
    join death as x
      on x.person_id = a.person_id
     and a.work_date > x.death_date
    group by a.task_id, a.person_id
), posthumous as (
    select p.payment_id, p.village_code, p.task_id, p.person_id, p.name, p.daily_rate, p.amount, p.paid_date,
           d.death_date, d.days_after_death, d.first_work_date_after_death
    from after_death as d
    join labour_payment as p
      on p.task_id = d.task_id
     and p.person_id = d.person_id
)
select
    'labour_payment' as subject_type,
    payment_id as subject_id,
    village_code,
    strftime(paid_date, '%Y-%m') as period,
    least(amount, daily_rate * days_after_death) as amount_involved,
    {'person_id': person_id, 'name': name, 'task_id': task_id, 'death_date': death_date,
     'days_after_death': days_after_death, 'first_work_date_after_death': first_work_date_after_death,
     'paid_date': paid_date} as evidence,
    1.0 as score
from posthumous
