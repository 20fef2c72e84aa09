-- ---
-- code: AST-03
-- title: {zh: 租金明显低于本镇同类资产, en: Rent per unit far below the township median for the same asset type}
-- domain: assets
-- severity: yellow
-- statistical: true
-- basis: 农村集体资产管理 — collective assets are let at a fair rent, set by public bidding or with reference to the market; a rent far below comparable lettings in the same township transfers collective income to the lessee
-- subject: lease
-- params:
--   max_share_of_median: {type: ratio, default: 0.5, min: 0.05, max: 1, doc: a rent per unit below this share of the township median for the same asset type and unit is flagged}
--   min_peers: {type: integer, default: 5, min: 2, max: 100, doc: fewest other leases of the same asset type and unit in the township for the median to be used}
-- reads: [lease, asset]
-- evidence: [asset_id, asset_type, unit, area, annual_rent, unit_rent, township_median, peers, lessee_name]
-- ---
with let_asset as (
    -- every lease with the rent per unit of area of the asset it lets
    select l.lease_id, l.village_code, substr(l.village_code, 1, 9) as township_code, l.lessee_name,
           l.annual_rent, coalesce(l.signed_date, l.start_date) as let_date,
           a.asset_id, a.asset_type, a.unit, a.area,
           cast(l.annual_rent / a.area as decimal(14, 4)) as unit_rent
    from lease as l
    join asset as a on a.asset_id = l.asset_id
    where a.area > 0
      and a.asset_type is not null
      and a.unit is not null
      and l.annual_rent is not null
), township_rent as (
    select township_code, asset_type, unit,
           count(*) as leases,
           -- the median of an even count is the mean of the two middle rents: kept exact (five places)
           -- so that every engine gives the same figure (DuckDB's decimal median would cut it to four)
           cast(median(cast(unit_rent as decimal(18, 6))) as decimal(14, 5)) as township_median
    from let_asset
    group by township_code, asset_type, unit
), cheap_lease as (
    select x.*, t.township_median, t.leases - 1 as peers
    from let_asset as x
    join township_rent as t
      on t.township_code = x.township_code
     and t.asset_type = x.asset_type
     and t.unit = x.unit
    where t.leases - 1 >= :min_peers
      and t.township_median > 0
      and x.unit_rent < :max_share_of_median * t.township_median
)
select
    'lease' as subject_type,
    lease_id as subject_id,
    village_code,
    strftime(let_date, '%Y-%m') as period,
    cast((township_median - unit_rent) * area as decimal(14, 2)) as amount_involved,
    {'asset_id': asset_id, 'asset_type': asset_type, 'unit': unit, 'area': area, 'annual_rent': annual_rent,
     'unit_rent': unit_rent, 'township_median': township_median, 'peers': peers,
     'lessee_name': lessee_name} as evidence,
    least(1.0, 1.0 - 1.0 * unit_rent / township_median) as score
from cheap_lease
