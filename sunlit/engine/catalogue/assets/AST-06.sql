-- ---
-- code: AST-06
-- title: {zh: 应公开竞价未公开竞价出租, en: Lease above the threshold not let by public bidding}
-- domain: assets
-- severity: red
-- basis: 村级小微权力清单 and 农村集体资产管理 — letting collective assets above the county's threshold goes through public bidding (公开竞价, usually on the rural property rights exchange), not private negotiation or direct letting
-- subject: lease
-- params:
--   rent_threshold: {type: money, default: 50000, min: 1000, max: 100000000, doc: annual rent in yuan from which a lease must be let by public bidding}
--   bidding_methods: {type: list, default: [public_bidding], doc: letting methods that satisfy the rule}
-- reads: [lease, asset]
-- evidence: [asset_id, asset_name, asset_type, lessee_name, method, annual_rent, rent_threshold, start_date, end_date]
-- ---
with letting as (
    select l.*, a.name as asset_name, a.asset_type,
           coalesce(l.signed_date, l.start_date) as let_date
    from lease as l
    left join asset as a on a.asset_id = l.asset_id
    where coalesce(l.signed_date, l.start_date) is not null
)
select
    'lease' as subject_type,
    lease_id as subject_id,
    village_code,
    strftime(let_date, '%Y-%m') as period,
    annual_rent as amount_involved,
    {'asset_id': asset_id, 'asset_name': asset_name, 'asset_type': asset_type, 'lessee_name': lessee_name,
     'method': method, 'annual_rent': annual_rent, 'rent_threshold': :rent_threshold,
     'start_date': start_date, 'end_date': end_date} as evidence,
    least(1.0, 0.6 + 0.4 * (annual_rent - :rent_threshold) / :rent_threshold) as score
from letting
where annual_rent >= :rent_threshold
  and not list_contains(:bidding_methods, coalesce(method, ''))
