-- ---
-- code: PUR-02
-- title: {zh: 供应商法定代表人或股东为村干部及其近亲属, en: Supplier's legal representative or shareholder is a cadre or close relative}
-- domain: procurement
-- severity: red
-- basis: 村级小微权力清单 — a village cadre withdraws (回避) from any purchase from an enterprise that the cadre or a close relative runs or owns
-- subject: purchase
-- params:
--   roles: {type: list, default: [legal_rep, shareholder], doc: enterprise_person roles that tie a person to the supplier (legal_rep, shareholder, director, supervisor, manager)}
-- reads: [purchase, enterprise, enterprise_person, cadre, kinship, household]
-- evidence: [supplier_org_id, supplier_name, person_id, role, cadre_person_id, cadre_name, position, relation]
-- ---
with supplier_person as (
    -- who runs or owns each supplier, and the registry's active span of the enterprise
    select e.org_id, e.established_date, e.closed_date, e.legal_rep_person_id as person_id, 'legal_rep' as role
    from enterprise as e
    where e.legal_rep_person_id is not null and list_contains(:roles, 'legal_rep')
    union
    select e.org_id, e.established_date, e.closed_date, ep.person_id, ep.role
    from enterprise_person as ep
    join enterprise as e on e.org_id = ep.org_id
    where list_contains(:roles, ep.role)
), cadre_circle as (
    -- each cadre, and the people who count as the cadre's close relatives: declared, or in the same household
    select person_id as cadre_person_id, person_id as member_id, '本人' as relation, 1 as closeness
    from cadre
    union
    select k.person_id, k.relative_person_id, coalesce(k.relation, '近亲属'), 2
    from kinship as k
    where k.person_id in (select person_id from cadre)
    union
    select k.relative_person_id, k.person_id, coalesce(k.relation, '近亲属'), 2
    from kinship as k
    where k.relative_person_id in (select person_id from cadre)
    union
    select h1.person_id, h2.person_id, '同户:' || coalesce(h2.relation_to_head, ''), 3
    from household as h1
    join household as h2 on h2.household_id = h1.household_id and h2.person_id <> h1.person_id
    where h1.person_id in (select person_id from cadre)
), tied_supplier as materialized (
    -- the suppliers with someone of a cadre's circle behind them, with that cadre's village and term: few rows,
    -- so the purchases are matched against them on supplier and village at once
    select sp.org_id, sp.established_date, sp.closed_date, sp.person_id, sp.role, cc.relation, cc.closeness,
           c.person_id as cadre_person_id, c.name as cadre_name, c.position, c.village_code, c.term_start, c.term_end
    from supplier_person as sp
    join cadre_circle as cc on cc.member_id = sp.person_id
    join cadre as c on c.person_id = cc.cadre_person_id
), tied_purchase as (
    select p.*, ts.person_id as tied_person_id, ts.role, ts.cadre_person_id, ts.cadre_name, ts.position,
           ts.relation, ts.closeness
    from purchase as p
    join tied_supplier as ts
      on ts.org_id = p.supplier_org_id
     and ts.village_code = p.village_code
     and ts.established_date <= p.purchase_date
     and (ts.closed_date is null or p.purchase_date < ts.closed_date)
     and p.purchase_date >= ts.term_start
     and (ts.term_end is null or p.purchase_date <= ts.term_end)
    qualify row_number() over (partition by p.purchase_id
                               order by ts.closeness, ts.role, ts.term_start, ts.position, ts.person_id) = 1
)
select
    'purchase' as subject_type,
    purchase_id as subject_id,
    village_code,
    strftime(purchase_date, '%Y-%m') as period,
    amount as amount_involved,
    {'supplier_org_id': supplier_org_id, 'supplier_name': supplier_name, 'person_id': tied_person_id, 'role': role,
     'cadre_person_id': cadre_person_id, 'cadre_name': cadre_name, 'position': position, 'relation': relation} as evidence,
    case closeness when 1 then 1.0 when 2 then 0.9 else 0.8 end as score
from tied_purchase
