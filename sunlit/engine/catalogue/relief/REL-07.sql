-- ---
-- code: REL-07
-- title: {zh: 同一对象同一期重复发放救助金, en: Relief paid twice for the same person, type and period}
-- domain: relief
-- severity: red
-- basis: 《社会救助暂行办法》 — support is paid monthly per approved entitlement; a second payment for the same month is an overpayment (重复发放)
-- subject: relief_payment
-- params:
--   duplicate_share: {type: ratio, default: 0.5, min: 0.05, max: 1, doc: extra money for a period, as a share of its first payment, from which the period counts as paid twice (smaller top-ups are adjustments)}
-- reads: [relief_payment]
-- evidence: [person_id, relief_type, payments, first_payment_id, first_amount, total_paid, extra_paid]
-- ---
with repeated as (
    -- a person paid more than once for the same relief and period: few, found before anything is ordered
    select person_id, relief_type, period
    from relief_payment
    group by person_id, relief_type, period
    having count(*) > 1
), period_payments as (
    select pay.payment_id, pay.person_id, pay.village_code, pay.relief_type, pay.period, pay.amount, pay.paid_date,
           count(*) over (partition by pay.person_id, pay.relief_type, pay.period) as payments,
           sum(pay.amount) over (partition by pay.person_id, pay.relief_type, pay.period) as total_paid,
           first_value(pay.payment_id) over (partition by pay.person_id, pay.relief_type, pay.period
                                             order by pay.paid_date, pay.payment_id
                                             rows between unbounded preceding and unbounded following) as first_payment_id,
           first_value(pay.amount) over (partition by pay.person_id, pay.relief_type, pay.period
                                         order by pay.paid_date, pay.payment_id
                                         rows between unbounded preceding and unbounded following) as first_amount
    from relief_payment as pay
    join repeated as r
      on r.person_id = pay.person_id
     and r.relief_type = pay.relief_type
     and r.period = pay.period
), latest as (
    -- the last payment of each period carries the alert
    select payment_id, person_id, village_code, relief_type, period, payments, total_paid, first_payment_id,
           first_amount, total_paid - first_amount as extra_paid
    from period_payments
    where payments > 1
    qualify row_number() over (partition by person_id, relief_type, period
                               order by paid_date desc, payment_id desc) = 1
)
select
    'relief_payment' as subject_type,
    payment_id as subject_id,
    village_code,
    period,
    extra_paid as amount_involved,
    {'person_id': person_id, 'relief_type': relief_type, 'payments': payments, 'first_payment_id': first_payment_id,
     'first_amount': first_amount, 'total_paid': total_paid, 'extra_paid': extra_paid} as evidence,
    1.0 as score
from latest
where first_amount > 0
  and extra_paid >= :duplicate_share * first_amount
