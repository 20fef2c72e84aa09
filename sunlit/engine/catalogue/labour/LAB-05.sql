-- ---
-- code: LAB-05
-- title: {zh: 务工人员超龄, en: Worker older than the age limit}
-- domain: labour
-- severity: yellow
-- basis: 劳务用工安全管理 — heavy village labour by the very old is a common cover for paying absent or fictitious workers
-- subject: labour_payment
-- params:
--   age_limit: {type: integer, default: 75, min: 60, max: 100, doc: age in full years on the day paid above which a payment is flagged}
-- reads: [labour_payment]
-- evidence: [person_id, name, birth_date, age, paid_date]
-- ---
with aged as (
    select p.*,
           strptime(substr(p.person_id, 7, 8), '%Y%m%d')::date as birth_date
    from labour_payment as p
), ages as (
    select *,
           year(paid_date) - year(birth_date)
             - case when month(paid_date) * 100 + day(paid_date) < month(birth_date) * 100 + day(birth_date)
                    then 1 else 0 end as age
    from aged
)
select
    'labour_payment' as subject_type,
    payment_id as subject_id,
    village_code,
    strftime(paid_date, '%Y-%m') as period,
    amount as amount_involved,
    {'person_id': person_id, 'name': name, 'birth_date': birth_date, 'age': age, 'paid_date': paid_date} as evidence,
    least(1.0, (age - :age_limit) / 10.0 + 0.5) as score
from ages
where age > :age_limit
