-- ---
-- code: LAB-07
-- title: {zh: 务工日工资畸高, en: Daily rate far above the township median}
-- domain: labour
-- severity: yellow
-- basis: 村级小微权力清单 — labour pay at the local going rate; a rate far above the township's is a way of moving money to a favoured worker
-- subject: labour_payment
-- statistical: true
-- params:
--   rate_ratio: {type: number, default: 2, min: 1.1, max: 10, doc: a daily rate above this multiple of the township median that year is flagged}
--   min_payments: {type: integer, default: 10, min: 3, max: 10000, doc: minimum number of payments with a rate in the township that year for its median to count}
-- reads: [labour_payment]
-- evidence: [person_id, name, task_id, daily_rate, township_median, ratio, township_payments, days]
-- ---
with township_rates as (
    -- the median daily rate of each township and year (a township's code is its villages' first nine
    -- digits); only the payments above a multiple of it are read again, with all their columns
    select substr(p.village_code, 1, 9) || '000' as township_code, year(p.paid_date) as pay_year,
           count(*) as township_payments,
           cast(round(median(cast(p.daily_rate as double)), 2) as decimal(14, 2)) as township_median
    from labour_payment as p
    where p.daily_rate > 0
    group by substr(p.village_code, 1, 9) || '000', year(p.paid_date)
    having count(*) >= :min_payments
), compared as (
    select p.*, t.township_payments, t.township_median,
           cast(round(cast(p.daily_rate as double) / cast(t.township_median as double), 2) as double) as ratio
    from labour_payment as p
    join township_rates as t
      on t.township_code = substr(p.village_code, 1, 9) || '000'
     and t.pay_year = year(p.paid_date)
    where t.township_median > 0
      and p.daily_rate > :rate_ratio * t.township_median
)
select
    'labour_payment' as subject_type,
    payment_id as subject_id,
    village_code,
    strftime(paid_date, '%Y-%m') as period,
    cast(greatest(0, least(amount, (daily_rate - township_median) * coalesce(days, 0))) as decimal(14, 2)) as amount_involved,
    {'person_id': person_id, 'name': name, 'task_id': task_id, 'daily_rate': daily_rate,
     'township_median': township_median, 'ratio': ratio, 'township_payments': township_payments,
     'days': days} as evidence,
    cast(least(1.0, 0.5 + (ratio - :rate_ratio) / (2.0 * :rate_ratio)) as double) as score
from compared
