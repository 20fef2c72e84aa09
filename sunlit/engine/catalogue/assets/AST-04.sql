-- ---
-- code: AST-04
-- title: {zh: 村干部或其近亲属承租集体资产, en: Lessee is a village cadre or a close relative}
-- domain: assets
-- severity: red
-- basis: 村级小微权力清单 — a cadre who has an interest in the letting of a collective asset, personally or through a close relative, must withdraw, and the letting is made in public; letting the collective's assets to its own cadres and their families (优亲厚友) is the abuse the list exists to prevent
-- subject: lease
-- params:
--   roles: {type: list, default: [legal_rep, shareholder], doc: enterprise_person roles that tie a person to a lessee organisation (its registered legal representative always does)}
-- uses: [cadre_circle]
-- reads: [lease, enterprise, enterprise_person, cadre, kinship, household]
-- evidence: [asset_id, lessee_name, person_id, role, cadre_person_id, cadre_name, position, relation, let_date, method]
-- ---
with letting as (
    select lease_id, village_code, asset_id, lessee_person_id, lessee_org_id, lessee_name, method, annual_rent,
           coalesce(signed_date, start_date) as let_date
    from lease
    where coalesce(signed_date, start_date) is not null
), lessee_person as (
    -- the lessee in person, or the people behind a lessee organisation while it is active
    select lease_id, lessee_person_id as person_id, 'lessee' as role
    from letting
    where lessee_person_id is not null
    union all
    select t.lease_id, e.legal_rep_person_id, 'legal_rep'
    from letting as t
    join enterprise as e
      on e.org_id = t.lessee_org_id
     and (e.established_date is null or e.established_date <= t.let_date)
     and (e.closed_date is null or t.let_date < e.closed_date)
    where e.legal_rep_person_id is not null
    union all
    select t.lease_id, ep.person_id, ep.role
    from letting as t
    join enterprise_person as ep on ep.org_id = t.lessee_org_id
    left join enterprise as e on e.org_id = t.lessee_org_id
    where list_contains(:roles, ep.role)
      and (e.org_id is null
           or ((e.established_date is null or e.established_date <= t.let_date)
               and (e.closed_date is null or t.let_date < e.closed_date)))
), tied_lessee as materialized (
    -- the people behind a lease who are in some cadre's circle: few, so matched with the cadres' offices after
    select p.lease_id, p.person_id, p.role, cc.cadre_person_id, cc.relation, cc.closeness
    from lessee_person as p
    join cadre_circle as cc on cc.person_id = p.person_id
), tie as (
    -- a cadre of the village in office on the day the asset was let
    select t.*, p.person_id, p.role, p.cadre_person_id, c.name as cadre_name, c.position, p.relation, p.closeness
    from letting as t
    join tied_lessee as p on p.lease_id = t.lease_id
    join cadre as c
      on c.person_id = p.cadre_person_id
     and c.village_code = t.village_code
     and t.let_date >= c.term_start
     and (c.term_end is null or t.let_date <= c.term_end)
    qualify row_number() over (partition by t.lease_id
                               order by p.closeness, p.role, p.cadre_person_id, p.person_id) = 1
)
select
    'lease' as subject_type,
    lease_id as subject_id,
    village_code,
    strftime(let_date, '%Y-%m') as period,
    annual_rent as amount_involved,
    {'asset_id': asset_id, 'lessee_name': lessee_name, 'person_id': person_id, 'role': role,
     'cadre_person_id': cadre_person_id, 'cadre_name': cadre_name, 'position': position,
     'relation': relation, 'let_date': let_date, 'method': method} as evidence,
    case when closeness = 1 then 1.0 else 0.9 end as score
from tie
