-- ---
-- code: REL-05
-- title: {zh: 财政供养人员领取救助金, en: Relief recipient is on the public payroll}
-- domain: relief
-- severity: red
-- basis: 最低生活保障审核确认办法 — people paid from public funds (财政供养人员) have a stable income and are not eligible for means-tested support
-- subject: relief_recipient
-- params:
--   relief_types: {type: list, default: [minimum_living, extreme_poverty], doc: means-tested relief types the rule applies to}
-- reads: [relief_payment, public_payroll]
-- evidence: [person_id, relief_type, year, employer, payroll_start, months, first_period]
-- ---
with paid_months as (
    select pay.payment_id, pay.person_id, pay.village_code, pay.relief_type, pay.period, pay.amount,
           cast(pay.period || '-01' as date) as month_start
    from relief_payment as pay
    where list_contains(:relief_types, pay.relief_type)
), on_payroll as (
    -- a paid month whose first day falls within a public payroll spell (an open end is current)
    select m.payment_id, m.person_id, m.village_code, m.relief_type, m.period, m.amount,
           pp.employer, pp.start_date as payroll_start
    from paid_months as m
    join public_payroll as pp
      on pp.person_id = m.person_id
     and pp.start_date <= m.month_start
     and (pp.end_date is null or m.month_start <= pp.end_date)
    qualify row_number() over (partition by m.payment_id order by pp.start_date, pp.employer) = 1
), per_year as (
    select person_id, village_code, relief_type, period, employer, payroll_start,
           substr(period, 1, 4) as year,
           sum(amount) over (partition by person_id, relief_type, substr(period, 1, 4)) as amount_at_stake,
           count(*) over (partition by person_id, relief_type, substr(period, 1, 4)) as months
    from on_payroll
    qualify row_number() over (partition by person_id, relief_type, substr(period, 1, 4)
                               order by period, payment_id) = 1
)
select
    'relief_recipient' as subject_type,
    person_id || '/' || relief_type as subject_id,
    village_code,
    year as period,
    amount_at_stake as amount_involved,
    {'person_id': person_id, 'relief_type': relief_type, 'year': year, 'employer': employer,
     'payroll_start': payroll_start, 'months': months, 'first_period': period} as evidence,
    1.0 as score
from per_year
