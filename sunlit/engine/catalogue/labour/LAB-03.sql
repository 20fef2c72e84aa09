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
with per_worker as (
    -- all pay one person received for one task, beside the days they attended it: payments and
    -- attendance read as one stream and grouped once; an attendance row is one day (the ledger keeps
    -- one row per task, person and work date), so the days attended are the rows counted
    select task_id, person_id,
           count(payment_id) as payments, sum(days) as paid_days, sum(amount) as paid_amount,
           count(work_date) as attended_days
    from (
        select p.task_id, p.person_id, p.payment_id, p.days, p.amount, cast(null as date) as work_date
        from labour_payment as p
        where p.task_id is not null
        union all
        select a.task_id, a.person_id, null, null, null, a.work_date
        from labour_attendance as a
    ) as pay_and_days
    group by task_id, person_id
), compared as (
    select w.*, w.paid_days - w.attended_days as excess_days
    from per_worker as w
    where w.paid_days - w.attended_days > :tolerance_days
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
