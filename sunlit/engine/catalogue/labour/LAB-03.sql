-- ---
-- code: LAB-03
-- title: {zh: 虚报多报务工天数, en: Paid days exceed attended days for a task}
-- domain: labour
-- severity: red
-- basis: 村级小微权力清单 — labour pay follows the attendance record of the dispatched task (虚报、多报)
-- subject: labour_payment
-- params:
--   tolerance_days: {type: number, default: 0, min: 0, max: 10, doc: paid days may exceed attended days by this much (half days, rounding) before a payment is flagged}
-- reads: [labour_payment, labour_attendance]
-- evidence: [person_id, name, task_id, payments, paid_days, attended_days, excess_days, last_paid_date]
-- ---
with pay_per_worker as (
    -- all pay one person received for one task
    select p.task_id, p.person_id, count(*) as payments, sum(p.days) as paid_days, sum(p.amount) as paid_amount
    from labour_payment as p
    where p.task_id is not null
    group by p.task_id, p.person_id
), attended as (
    select task_id, person_id, count(distinct work_date) as attended_days
    from labour_attendance
    group by task_id, person_id
), compared as (
    select w.*, coalesce(a.attended_days, 0) as attended_days,
           w.paid_days - coalesce(a.attended_days, 0) as excess_days
    from pay_per_worker as w
    left join attended as a
      on a.task_id = w.task_id
     and a.person_id = w.person_id
    where w.paid_days - coalesce(a.attended_days, 0) > :tolerance_days
      and w.paid_days > 0
), overpaid as (
    -- the last payment of each overpaid worker and task carries the alert
    select c.*, p.payment_id, p.village_code, p.name, p.paid_date
    from compared as c
    join labour_payment as p
      on p.task_id = c.task_id
     and p.person_id = c.person_id
    qualify row_number() over (partition by p.task_id, p.person_id order by p.paid_date desc, p.payment_id desc) = 1
)
select
    'labour_payment' as subject_type,
    payment_id as subject_id,
    village_code,
    strftime(paid_date, '%Y-%m') as period,
    cast(round(paid_amount * excess_days / paid_days, 2) as decimal(14, 2)) as amount_involved,
    {'person_id': person_id, 'name': name, 'task_id': task_id, 'payments': payments, 'paid_days': paid_days,
     'attended_days': attended_days, 'excess_days': excess_days, 'last_paid_date': paid_date} as evidence,
    cast(least(1.0, 0.5 + excess_days / (2.0 * paid_days)) as double) as score
from overpaid
