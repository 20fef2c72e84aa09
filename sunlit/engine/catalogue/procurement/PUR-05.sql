-- ---
-- code: PUR-05
-- title: {zh: 单一供应商占村级采购份额过高, en: One supplier takes most of a village's spend}
-- domain: procurement
-- severity: yellow
-- basis: 村级小微权力清单 — village purchases are spread by competition; one supplier taking most of a year's spend points to a standing arrangement
-- subject: village
-- statistical: true
-- params:
--   max_share: {type: ratio, default: 0.6, doc: flagged when one supplier's share of the village's spend in a year exceeds this}
--   min_purchases: {type: integer, default: 5, min: 2, max: 1000, doc: fewest purchases in the village and year for a share to mean anything}
--   min_spend: {type: money, default: 20000, min: 0, max: 100000000, doc: least total spend of the village in the year for a share to mean anything}
--   exempt_methods: {type: list, default: [framework], doc: purchase methods left out of the spend (a framework agreement names one supplier by design)}
-- reads: [purchase]
-- evidence: [year, supplier_org_id, supplier_name, supplier_spend, village_spend, share, purchases, supplier_purchases]
-- ---
with counted_purchase as (
    select *, strftime(purchase_date, '%Y') as purchase_year
    from purchase
    where amount > 0
      and supplier_org_id is not null
      and not list_contains(:exempt_methods, coalesce(method, ''))
), village_year as (
    select village_code, purchase_year, sum(amount) as village_spend, count(*) as purchases
    from counted_purchase
    group by village_code, purchase_year
), supplier_year as (
    select village_code, purchase_year, supplier_org_id,
           max(supplier_name) as supplier_name, sum(amount) as supplier_spend, count(*) as supplier_purchases
    from counted_purchase
    group by village_code, purchase_year, supplier_org_id
), dominant as (
    select s.*, v.village_spend, v.purchases,
           cast(s.supplier_spend as double) / cast(v.village_spend as double) as share
    from supplier_year as s
    join village_year as v on v.village_code = s.village_code and v.purchase_year = s.purchase_year
    where v.purchases >= :min_purchases
      and v.village_spend >= :min_spend
      and cast(s.supplier_spend as double) > :max_share * cast(v.village_spend as double)
    qualify row_number() over (partition by s.village_code, s.purchase_year
                               order by s.supplier_spend desc, s.supplier_org_id) = 1
)
select
    'village' as subject_type,
    village_code as subject_id,
    village_code,
    purchase_year as period,
    supplier_spend as amount_involved,
    {'year': purchase_year, 'supplier_org_id': supplier_org_id, 'supplier_name': supplier_name,
     'supplier_spend': supplier_spend, 'village_spend': village_spend, 'share': round(share, 4),
     'purchases': purchases, 'supplier_purchases': supplier_purchases} as evidence,
    least(1.0, 0.5 + (share - :max_share) / (2 * greatest(1 - :max_share, 0.01))) as score
from dominant
