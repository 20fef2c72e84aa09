-- ---
-- code: PUR-04
-- title: {zh: 采购单价显著高于同乡镇同类中位数, en: Unit price far above the township median for the category}
-- domain: procurement
-- severity: yellow
-- basis: 村级小微权力清单 — village purchases at fair prices; a price far above what neighbouring villages pay for the same goods calls for an explanation
-- subject: purchase
-- statistical: true
-- params:
--   price_ratio: {type: number, default: 2.0, min: 1.2, max: 10, doc: flagged when the unit price exceeds this multiple of the township median}
--   min_peers: {type: integer, default: 5, min: 3, max: 100, doc: fewest purchases of the category and unit in the township and year (the purchase included) for a median to be trusted}
--   min_villages: {type: integer, default: 2, min: 1, max: 50, doc: fewest distinct villages among those purchases, so that one village's prices are not its own yardstick}
-- reads: [purchase]
-- evidence: [category, unit, unit_price, township_median, ratio, peers, villages, quantity]
-- ---
with priced_purchase as (
    select *,
           substr(village_code, 1, 9) as township_code,
           year(purchase_date) as purchase_year
    from purchase
    where unit_price > 0 and quantity > 0 and category is not null and unit is not null
), township_price as (
    -- the township's price for each category and unit, per year
    select township_code, category, unit, purchase_year,
           median(cast(unit_price as double)) as township_median,
           count(*) as peers,
           count(distinct village_code) as villages
    from priced_purchase
    group by township_code, category, unit, purchase_year
), compared as (
    select p.*, t.township_median, t.peers, t.villages,
           cast(p.unit_price as double) / t.township_median as ratio
    from priced_purchase as p
    join township_price as t
      on t.township_code = p.township_code
     and t.category = p.category
     and t.unit = p.unit
     and t.purchase_year = p.purchase_year
    where t.peers >= :min_peers
      and t.villages >= :min_villages
      and t.township_median > 0
)
select
    'purchase' as subject_type,
    purchase_id as subject_id,
    village_code,
    strftime(purchase_date, '%Y-%m') as period,
    cast(round((cast(unit_price as double) - township_median) * cast(quantity as double), 2) as decimal(14, 2)) as amount_involved,
    {'category': category, 'unit': unit, 'unit_price': unit_price, 'township_median': cast(round(township_median, 2) as decimal(14, 2)),
     'ratio': round(ratio, 2), 'peers': peers, 'villages': villages, 'quantity': quantity} as evidence,
    least(1.0, ratio / (2 * :price_ratio)) as score
from compared
where ratio > :price_ratio
