-- ---
-- code: REL-04
-- title: {zh: 救助对象家庭拥有商业用房或多套住房, en: Recipient household owns commercial property or several homes}
-- domain: relief
-- severity: yellow
-- basis: 最低生活保障审核确认办法 — household property (家庭财产) is assessed against limits set by each province; commercial premises and more than one home are common limits
-- subject: relief_recipient
-- params:
--   relief_types: {type: list, default: [minimum_living, extreme_poverty], doc: means-tested relief types the rule applies to}
--   max_homes: {type: integer, default: 1, min: 1, max: 10, doc: residential properties a recipient household may own; more are flagged}
-- reads: [relief_payment, relief_recipient, household, property]
-- evidence: [person_id, relief_type, year, homes, commercial, first_property_id, months, first_period]
-- ---
with household_members as (
    select distinct r.person_id as recipient_id, r.person_id as member_id
    from relief_recipient as r
    union
    select distinct r.person_id as recipient_id, h.person_id as member_id
    from relief_recipient as r
    join household as h
      on h.household_id = r.household_id
), candidates as (
    -- recipients whose household ever owned a commercial property or more homes than allowed: only their
    -- payments can be hits (what was owned on a given day is a part of what was ever owned)
    select hm.recipient_id
    from household_members as hm
    join property as p on p.person_id = hm.member_id
    group by hm.recipient_id
    having count(distinct case when p.property_type = 'commercial' then p.property_id end) > 0
        or count(distinct case when p.property_type = 'residential' then p.property_id end) > :max_homes
), paid_months as (
    select pay.payment_id, pay.person_id, pay.village_code, pay.relief_type, pay.period, pay.amount,
           cast(pay.period || '-01' as date) as month_start
    from relief_payment as pay
    where list_contains(:relief_types, pay.relief_type)
      and pay.person_id in (select recipient_id from candidates)
), holdings as (
    -- what the household owned on the first day of each paid month
    select m.payment_id, m.person_id, m.village_code, m.relief_type, m.period, m.amount,
           count(distinct case when p.property_type = 'residential' then p.property_id end) as homes,
           count(distinct case when p.property_type = 'commercial' then p.property_id end) as commercial,
           min(case when p.property_type = 'commercial' then p.property_id end) as first_commercial_id,
           min(p.property_id) as first_property_id
    from paid_months as m
    join household_members as hm
      on hm.recipient_id = m.person_id
    join property as p
      on p.person_id = hm.member_id
     and p.registered_date <= m.month_start
    group by m.payment_id, m.person_id, m.village_code, m.relief_type, m.period, m.amount
), hits as (
    select payment_id, person_id, village_code, relief_type, period, amount, homes, commercial,
           coalesce(first_commercial_id, first_property_id) as first_property_id
    from holdings
    where commercial > 0
       or homes > :max_homes
), per_year as (
    select person_id, village_code, relief_type, period, homes, commercial, first_property_id,
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
    {'person_id': person_id, 'relief_type': relief_type, 'year': year, 'homes': homes, 'commercial': commercial,
     'first_property_id': first_property_id, 'months': months, 'first_period': period} as evidence,
    case when commercial > 0 then 0.8 else 0.6 end as score
from per_year
