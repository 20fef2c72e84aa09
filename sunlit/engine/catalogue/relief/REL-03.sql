-- ---
-- code: REL-03
-- title: {zh: 救助对象家庭拥有机动车辆, en: Recipient household owns a vehicle}
-- domain: relief
-- severity: yellow
-- basis: 最低生活保障审核确认办法 — household property (家庭财产) is assessed against limits set by each province; a motor vehicle is a common limit, with exemptions
-- subject: relief_recipient
-- params:
--   relief_types: {type: list, default: [minimum_living, extreme_poverty], doc: means-tested relief types the rule applies to}
--   exempt_vehicle_types: {type: list, default: [二轮摩托车, 残疾人专用车], doc: vehicle types (in the register's own words) that do not count}
-- uses: [recipient_household]
-- reads: [relief_payment, relief_recipient, household, vehicle]
-- evidence: [person_id, relief_type, year, member_person_id, relation, plate, vehicle_type, registered_date, months, first_period]
-- ---
with paid_months as (
    select pay.payment_id, pay.person_id, pay.village_code, pay.relief_type, pay.period, pay.amount,
           cast(pay.period || '-01' as date) as month_start
    from relief_payment as pay
    where list_contains(:relief_types, pay.relief_type)
), hits as (
    -- a paid month in which a household member owned a counted vehicle registered by its first day
    select m.payment_id, m.person_id, m.village_code, m.relief_type, m.period, m.amount,
           hm.member_id, hm.relation, v.plate, v.vehicle_type, v.registered_date
    from paid_months as m
    join recipient_household as hm
      on hm.recipient_id = m.person_id
    join vehicle as v
      on v.person_id = hm.member_id
     and v.registered_date <= m.month_start
    where not list_contains(:exempt_vehicle_types, coalesce(v.vehicle_type, ''))
    qualify row_number() over (partition by m.payment_id order by hm.relation = '本人' desc, v.registered_date, v.plate) = 1
), per_year as (
    select person_id, village_code, relief_type, period, member_id, relation, plate, vehicle_type, registered_date,
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
    {'person_id': person_id, 'relief_type': relief_type, 'year': year, 'member_person_id': member_id,
     'relation': relation, 'plate': plate, 'vehicle_type': vehicle_type, 'registered_date': registered_date,
     'months': months, 'first_period': period} as evidence,
    0.7 as score
from per_year
