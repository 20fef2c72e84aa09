-- ---
-- code: REL-02
-- title: {zh: 死亡人员继续领取救助金, en: Relief paid for a period after the recipient's death}
-- domain: relief
-- severity: red
-- basis: 《社会救助暂行办法》 and 最低生活保障审核确认办法 — support stops when the recipient dies (停发); payments for later months are overpayments to be recovered
-- subject: relief_payment
-- params:
--   grace_months: {type: integer, default: 0, min: 0, max: 3, doc: months after the month of death for which payment is still tolerated (the month of death itself is always payable)}
-- reads: [relief_payment, death]
-- evidence: [person_id, relief_type, death_date, months_after_death, paid_date]
-- ---
with paid_after_death as (
    select pay.payment_id, pay.person_id, pay.village_code, pay.relief_type, pay.period, pay.amount, pay.paid_date,
           d.death_date,
           cast(substr(pay.period, 1, 4) as int) * 12 + cast(substr(pay.period, 6, 2) as int)
             - (year(d.death_date) * 12 + month(d.death_date)) as months_after_death
    from relief_payment as pay
    join death as d
      on d.person_id = pay.person_id
)
select
    'relief_payment' as subject_type,
    payment_id as subject_id,
    village_code,
    period,
    amount as amount_involved,
    {'person_id': person_id, 'relief_type': relief_type, 'death_date': death_date,
     'months_after_death': months_after_death, 'paid_date': paid_date} as evidence,
    1.0 as score
from paid_after_death
where months_after_death > :grace_months
