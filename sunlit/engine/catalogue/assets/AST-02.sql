-- ---
-- code: AST-02
-- title: {zh: 租赁期限超过二十年, en: Lease term longer than 20 years}
-- domain: assets
-- severity: red
-- basis: 《中华人民共和国民法典》第七百零五条 — a lease term may not exceed twenty years; the part beyond twenty years is void
-- subject: lease
-- params:
--   max_years: {type: integer, default: 20, min: 1, max: 20, doc: longest lease term in years (the Civil Code's twenty, or a county's shorter limit)}
--   exempt_asset_types: {type: list, default: [], doc: asset types whose contracts are not leases under the Civil Code's limit (e.g. land contracted under the rural land contracting rules)}
-- reads: [lease, asset]
-- evidence: [asset_id, asset_type, lessee_name, start_date, end_date, term_years, max_years, annual_rent]
-- ---
with lease_term as (
    -- the end date is the last day let: a 20-year lease from 2026-01-01 ends 2045-12-31 at the latest
    select l.*, a.asset_type,
           l.start_date + interval :max_years year as limit_end
    from lease as l
    left join asset as a on a.asset_id = l.asset_id
    where l.start_date is not null
      and l.end_date is not null
      and not list_contains(:exempt_asset_types, coalesce(a.asset_type, ''))
)
select
    'lease' as subject_type,
    lease_id as subject_id,
    village_code,
    strftime(coalesce(signed_date, start_date), '%Y-%m') as period,
    annual_rent as amount_involved,
    {'asset_id': asset_id, 'asset_type': asset_type, 'lessee_name': lessee_name, 'start_date': start_date,
     'end_date': end_date,
     'term_years': cast(round((date_diff('day', start_date, end_date) + 1) / 365.25, 1) as decimal(6, 1)),
     'max_years': :max_years, 'annual_rent': annual_rent} as evidence,
    1.0 as score
from lease_term
where end_date >= limit_end
