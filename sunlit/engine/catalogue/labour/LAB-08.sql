-- ---
-- code: LAB-08
-- title: {zh: 村干部近亲属务工报酬占比过高, en: Cadres' close relatives take an outsized share of a village's labour pay}
-- domain: labour
-- severity: yellow
-- basis: 村级小微权力清单 — labour is dispatched openly and fairly; 优亲厚友 (favouring relatives and friends) is named among the abuses of village power
-- subject: village
-- statistical: true
-- params:
--   max_share: {type: ratio, default: 0.3, min: 0.05, max: 0.95, doc: share of a village's labour pay in a year going to close relatives of its cadres above which the village is flagged}
--   min_payments: {type: integer, default: 20, min: 5, max: 10000, doc: minimum number of labour payments in the village that year for the share to count}
-- reads: [labour_payment, cadre, kinship, household]
-- evidence: [year, payments, total_pay, relatives_pay, share, relatives, relative_payments]
-- ---
with cadre_people as (
    select distinct person_id from cadre
), close_relatives as (
    -- a cadre's close relatives: declared in kinship (either direction) or in the same household
    select k.person_id as cadre_person_id, k.relative_person_id
    from kinship as k
    where k.person_id in (select person_id from cadre_people)
    union
    select k.relative_person_id as cadre_person_id, k.person_id as relative_person_id
    from kinship as k
    where k.relative_person_id in (select person_id from cadre_people)
    union
    select c.person_id as cadre_person_id, m.person_id as relative_person_id
    from household as c
    join household as m
      on m.household_id = c.household_id
     and m.person_id <> c.person_id
    where c.person_id in (select person_id from cadre_people)
), relative_payments as (
    -- paid to a close relative of a cadre of the same village in office on the day paid (never the cadre)
    select distinct p.payment_id, p.village_code, strftime(p.paid_date, '%Y') as pay_year, p.person_id,
           coalesce(p.amount, 0) as amount
    from labour_payment as p
    join close_relatives as r
      on r.relative_person_id = p.person_id
    join cadre as c
      on c.person_id = r.cadre_person_id
     and c.village_code = p.village_code
     and p.paid_date >= c.term_start
     and (c.term_end is null or p.paid_date <= c.term_end)
    where p.person_id <> c.person_id
), village_years as (
    select village_code, strftime(paid_date, '%Y') as pay_year, count(*) as payments,
           sum(coalesce(amount, 0)) as total_pay
    from labour_payment
    group by village_code, strftime(paid_date, '%Y')
    having count(*) >= :min_payments
), relatives_years as (
    select village_code, pay_year, sum(amount) as relatives_pay, count(distinct person_id) as relatives,
           count(*) as relative_payments
    from relative_payments
    group by village_code, pay_year
), shares as (
    select v.village_code, v.pay_year, v.payments, v.total_pay, r.relatives_pay, r.relatives, r.relative_payments,
           cast(round(cast(r.relatives_pay as double) / cast(v.total_pay as double), 4) as double) as share
    from village_years as v
    join relatives_years as r
      on r.village_code = v.village_code
     and r.pay_year = v.pay_year
    where v.total_pay > 0
)
select
    'village' as subject_type,
    village_code as subject_id,
    village_code,
    pay_year as period,
    relatives_pay as amount_involved,
    {'year': pay_year, 'payments': payments, 'total_pay': total_pay, 'relatives_pay': relatives_pay,
     'share': share, 'relatives': relatives, 'relative_payments': relative_payments} as evidence,
    cast(least(1.0, 0.5 + (share - :max_share) / (2.0 * (1.0 - :max_share))) as double) as score
from shares
where share > :max_share
