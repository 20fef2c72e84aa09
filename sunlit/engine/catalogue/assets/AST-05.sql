-- ---
-- code: AST-05
-- title: {zh: 租金拖欠超期, en: Rent in arrears beyond the limit}
-- domain: assets
-- severity: yellow
-- basis: 农村集体资产管理 and 村级财务管理 — rent for collective assets is collected as the lease provides and entered in the accounts; rent left unpaid is collective income forgone, often for a lessee close to the village leaders
-- subject: lease
-- params:
--   max_arrears_days: {type: integer, default: 90, min: 0, max: 1095, doc: days of rent that may be owing before a lease is flagged}
--   as_of: {type: text, default: "", doc: the date (YYYY-MM-DD) rent is counted up to; empty means the day of the run}
-- reads: [lease, rent_receipt]
-- evidence: [lessee_name, annual_rent, start_date, due_until, rent_paid, paid_through, arrears_days, as_of]
-- ---
with reference_day as (
    select coalesce(cast(nullif(:as_of, '') as date), current_date) as as_of
), running_lease as (
    -- leases begun by the reference day, with the last day rent is due for (the end of the lease at the latest)
    select l.lease_id, l.village_code, l.lessee_name, l.annual_rent, l.start_date, r.as_of,
           case when l.end_date is not null and l.end_date < r.as_of then l.end_date else r.as_of end as due_until
    from lease as l
    cross join reference_day as r
    where l.start_date <= r.as_of
      and l.annual_rent > 0
), rent_paid as (
    select t.lease_id, sum(t.amount) as rent_paid
    from rent_receipt as t
    cross join reference_day as r
    where t.receipt_date <= r.as_of
      and t.amount is not null
    group by t.lease_id
), coverage as (
    -- days of rent due and days the rent received pays for (a year's rent pays for 365 days)
    select x.*, coalesce(p.rent_paid, 0) as rent_paid,
           date_diff('day', x.start_date, x.due_until) + 1 as days_due,
           cast(floor(coalesce(p.rent_paid, 0) * 365 / x.annual_rent) as integer) as days_paid
    from running_lease as x
    left join rent_paid as p on p.lease_id = x.lease_id
), arrears as (
    select *,
           days_due - days_paid as arrears_days,
           start_date + days_paid as first_unpaid_day
    from coverage
)
select
    'lease' as subject_type,
    lease_id as subject_id,
    village_code,
    strftime(first_unpaid_day, '%Y-%m') as period,
    cast(round(annual_rent * (days_due - days_paid) / 365, 2) as decimal(14, 2)) as amount_involved,
    {'lessee_name': lessee_name, 'annual_rent': annual_rent, 'start_date': start_date, 'due_until': due_until,
     'rent_paid': rent_paid, 'paid_through': first_unpaid_day - 1, 'arrears_days': arrears_days,
     'as_of': as_of} as evidence,
    least(1.0, 0.5 * arrears_days / greatest(:max_arrears_days, 1)) as score
from arrears
where arrears_days > :max_arrears_days
