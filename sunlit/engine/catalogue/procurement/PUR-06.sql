-- ---
-- code: PUR-06
-- title: {zh: 供应商成立不久或已注销吊销, en: Supplier established just before, or closed at, the purchase date}
-- domain: procurement
-- severity: red
-- basis: 村级小微权力清单 — a village buys from suppliers able to deliver; a company set up days before the order, or already closed, is a shell in the supplier's place
-- subject: purchase
-- params:
--   new_days: {type: integer, default: 30, min: 0, max: 365, doc: a supplier established this many days or fewer before the purchase date counts as just established}
-- reads: [purchase, enterprise]
-- evidence: [supplier_org_id, supplier_name, finding, status, established_date, closed_date, purchase_date, days_since_established]
-- ---
with latest_enterprise as (
    -- the registry's latest record of each organisation
    select e.org_id, e.status, e.established_date, e.closed_date
    from enterprise as e
    qualify row_number() over (partition by e.org_id order by e.established_date desc) = 1
), supplier_on_purchase_date as (
    select p.purchase_id, p.village_code, p.purchase_date, p.amount, p.supplier_org_id, p.supplier_name,
           e.status, e.established_date, e.closed_date,
           date_diff('day', e.established_date, p.purchase_date) as days_since_established
    from purchase as p
    join latest_enterprise as e on e.org_id = p.supplier_org_id
), finding as (
    select *,
           case
               when closed_date is not null and closed_date <= purchase_date then 'closed'
               when established_date > purchase_date then 'not_yet_established'
               when days_since_established <= :new_days then 'just_established'
           end as finding
    from supplier_on_purchase_date
)
select
    'purchase' as subject_type,
    purchase_id as subject_id,
    village_code,
    strftime(purchase_date, '%Y-%m') as period,
    amount as amount_involved,
    {'supplier_org_id': supplier_org_id, 'supplier_name': supplier_name, 'finding': finding, 'status': status,
     'established_date': established_date, 'closed_date': closed_date, 'purchase_date': purchase_date,
     'days_since_established': days_since_established} as evidence,
    case when finding = 'just_established'
         then 0.6 + 0.4 * (1 - cast(days_since_established as double) / (:new_days + 1))
         else 1.0 end as score
from finding
where finding is not null
