-- ---
-- code: LAB-09
-- title: {zh: 无派工记录支付务工报酬, en: Labour paid with no dispatch record}
-- domain: labour
-- severity: red
-- basis: 村级小微权力清单 — village labour is dispatched (派工) and published before it is paid; pay without a dispatch has no approval behind it
-- subject: labour_payment
-- params: {}
-- reads: [labour_payment, labour_task]
-- evidence: [person_id, name, task_id, reason, dispatch_date, paid_date]
-- ---
with payments_and_tasks as (
    select p.payment_id, p.village_code, p.task_id, p.person_id, p.name, p.amount, p.paid_date,
           t.task_id as dispatched_task_id, t.dispatch_date
    from labour_payment as p
    left join labour_task as t
      on t.task_id = p.task_id
), undispatched as (
    select *,
           case when task_id is null then 'no_task'
                when dispatched_task_id is null then 'unknown_task'
                else 'dispatched_after_payment' end as reason
    from payments_and_tasks
    where task_id is null
       or dispatched_task_id is null
       or dispatch_date > paid_date
)
select
    'labour_payment' as subject_type,
    payment_id as subject_id,
    village_code,
    strftime(paid_date, '%Y-%m') as period,
    amount as amount_involved,
    {'person_id': person_id, 'name': name, 'task_id': task_id, 'reason': reason, 'dispatch_date': dispatch_date,
     'paid_date': paid_date} as evidence,
    case when reason = 'dispatched_after_payment' then 0.8 else 1.0 end as score
from undispatched
