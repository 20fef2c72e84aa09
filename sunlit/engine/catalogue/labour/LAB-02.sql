-- ---
-- code: LAB-02
-- title: {zh: 同一人同日重复领取务工报酬, en: Same person paid for the same day twice}
-- domain: labour
-- severity: red
-- basis: 村级小微权力清单 — labour is paid for days actually worked; one person cannot work two tasks on the same day
-- subject: labour_payment
-- params: {}
-- reads: [labour_payment, labour_attendance]
-- evidence: [person_id, name, task_id, other_payment_id, other_task_id, other_village_code, clash_days, first_clash_date]
-- ---
with shared_days as (
    -- a person's days with more than one attendance row: the only days that can be paid twice (an
    -- attendance row is one task's day; the clashes below keep the days paid under different tasks)
    select a.person_id, a.work_date
    from labour_attendance as a
    group by a.person_id, a.work_date
    having count(*) > 1
), paid_days as (
    -- every shared day a payment covers, from the attendance of its task
    select distinct p.payment_id, p.village_code, p.task_id, p.person_id, p.name, p.daily_rate, p.amount,
           p.paid_date, a.work_date
    from labour_attendance as a
    join shared_days as s
      on s.person_id = a.person_id
     and s.work_date = a.work_date
    join labour_payment as p
      on p.task_id = a.task_id
     and p.person_id = a.person_id
), clashes as (
    -- the same person and day, paid by an earlier payment for a different task
    select later.payment_id, later.village_code, later.task_id, later.person_id, later.name, later.daily_rate,
           later.amount, later.paid_date, later.work_date,
           earlier.payment_id as other_payment_id, earlier.task_id as other_task_id,
           earlier.village_code as other_village_code
    from paid_days as later
    join paid_days as earlier
      on earlier.person_id = later.person_id
     and earlier.work_date = later.work_date
     and earlier.task_id <> later.task_id
     and (earlier.paid_date < later.paid_date
          or (earlier.paid_date = later.paid_date and earlier.payment_id < later.payment_id))
), per_payment as (
    select payment_id, village_code, task_id, person_id, name, daily_rate, amount, paid_date,
           min(other_payment_id) as other_payment_id, min(other_task_id) as other_task_id,
           min(other_village_code) as other_village_code,
           count(distinct work_date) as clash_days, min(work_date) as first_clash_date
    from clashes
    group by payment_id, village_code, task_id, person_id, name, daily_rate, amount, paid_date
)
select
    'labour_payment' as subject_type,
    payment_id as subject_id,
    village_code,
    strftime(paid_date, '%Y-%m') as period,
    least(amount, daily_rate * clash_days) as amount_involved,
    {'person_id': person_id, 'name': name, 'task_id': task_id, 'other_payment_id': other_payment_id,
     'other_task_id': other_task_id, 'other_village_code': other_village_code, 'clash_days': clash_days,
     'first_clash_date': first_clash_date} as evidence,
    1.0 as score
from per_payment
