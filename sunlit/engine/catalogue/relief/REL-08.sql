-- ---
-- code: REL-08
-- title: {zh: 救助对象参保缴费基数超标, en: Recipient insured with a wage base above the threshold}
-- domain: relief
-- severity: yellow
-- basis: 最低生活保障审核确认办法 — wage income counts in the household's income; an insured wage base shows what an employer declares it pays
-- subject: relief_recipient
-- params:
--   relief_types: {type: list, default: [minimum_living, extreme_poverty], doc: means-tested relief types the rule applies to}
--   wage_base_limit: {type: money, default: 3000, min: 0, max: 100000, doc: monthly insured wage base (all employers together) above which a paid month is flagged}
-- reads: [relief_payment, social_insurance]
-- evidence: [person_id, relief_type, year, wage_base, employers, months, first_period]
-- ---
with paid_months as (
    select pay.payment_id, pay.person_id, pay.village_code, pay.relief_type, pay.period, pay.amount
    from relief_payment as pay
    where list_contains(:relief_types, pay.relief_type)
), insured_months as (
    select person_id, period, sum(coalesce(wage_base, 0)) as wage_base, count(distinct employer_org_id) as employers
    from social_insurance
    where person_id in (select person_id from paid_months)
    group by person_id, period
), hits as (
    select m.payment_id, m.person_id, m.village_code, m.relief_type, m.period, m.amount, i.wage_base, i.employers
    from paid_months as m
    join insured_months as i
      on i.person_id = m.person_id
     and i.period = m.period
    where i.wage_base > :wage_base_limit
), per_year as (
    select person_id, village_code, relief_type, period, wage_base, employers,
           substr(period, 1, 4) as year,
           sum(amount) over (partition by person_id, relief_type, substr(period, 1, 4)) as amount_at_stake,
           count(*) over (partition by person_id, relief_type, substr(period, 1, 4)) as months
    from hits
    qualify row_number() over (partition by person_id, relief_type, substr(period, 1, 4)
                               order by period, payment_id) = 1
)
select
    'relief_recipient' as subject_type,
    person_id || '/' || relief_type as subject_id,
    village_code,
    year as period,
    amount_at_stake as amount_involved,
    {'person_id': person_id, 'relief_type': relief_type, 'year': year, 'wage_base': wage_base,
     'employers': employers, 'months': months, 'first_period': period} as evidence,
    0.7 as score
from per_year
