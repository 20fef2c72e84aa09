-- ---
-- code: PUR-01
-- title: {zh: 拆分采购规避限额, en: Purchases split to stay under the threshold}
-- domain: procurement
-- severity: red
-- basis: 村级小微权力清单 — purchases above the county's threshold need a competitive method; splitting one need into several smaller purchases to avoid it is not allowed
-- subject: purchase
-- params:
--   threshold: {type: money, default: 50000, min: 1000, max: 10000000, doc: amount in yuan from which one purchase needs a competitive method}
--   window_days: {type: integer, default: 30, min: 1, max: 365, doc: days within which purchases from the same supplier count as one need}
--   min_parts: {type: integer, default: 2, min: 2, max: 20, doc: fewest purchases under the threshold that make a split}
--   exempt_methods: {type: list, default: [framework], doc: purchase methods that are never counted (repeated call-offs under a framework agreement are expected)}
-- reads: [purchase]
-- evidence: [supplier_org_id, supplier_name, parts, first_date, last_date, total, threshold]
-- ---
with small_purchase as (
    -- purchases each under the threshold, by a method that the threshold concerns
    select *
    from purchase
    where amount < :threshold
      and supplier_org_id is not null
      and not list_contains(:exempt_methods, coalesce(method, ''))
), split_candidate as (
    -- a village and supplier whose small purchases reach the number of parts and the threshold at all (the
    -- positive amounts summed): only their purchases can add up within a window
    select village_code, supplier_org_id
    from small_purchase
    group by village_code, supplier_org_id
    having count(*) >= :min_parts
       and sum(greatest(amount, 0)) >= :threshold
), candidate_purchase as (
    select s.*
    from small_purchase as s
    join split_candidate as c
      on c.village_code = s.village_code
     and c.supplier_org_id = s.supplier_org_id
), window_sum as (
    -- each purchase with the purchases from the same supplier in the same village in the window before it
    select p.purchase_id, p.village_code, p.supplier_org_id, p.supplier_name, p.purchase_date, p.amount,
           count(*) as parts,
           sum(q.amount) as total,
           min(q.purchase_date) as first_date
    from candidate_purchase as p
    join candidate_purchase as q
      on q.village_code = p.village_code
     and q.supplier_org_id = p.supplier_org_id
     and date_diff('day', q.purchase_date, p.purchase_date) between 0 and :window_days
     and (q.purchase_date < p.purchase_date or (q.purchase_date = p.purchase_date and q.purchase_id <= p.purchase_id))
    group by p.purchase_id, p.village_code, p.supplier_org_id, p.supplier_name, p.purchase_date, p.amount
), crossing as (
    -- the purchase that carries the window over the threshold (the ones after it add to the same split)
    select *
    from window_sum
    where parts >= :min_parts
      and total >= :threshold
      and total - amount < :threshold
)
select
    'purchase' as subject_type,
    purchase_id as subject_id,
    village_code,
    strftime(purchase_date, '%Y-%m') as period,
    total as amount_involved,
    {'supplier_org_id': supplier_org_id, 'supplier_name': supplier_name, 'parts': parts,
     'first_date': first_date, 'last_date': purchase_date, 'total': total, 'threshold': :threshold} as evidence,
    least(1.0, 0.4 + 0.2 * parts) as score
from crossing
