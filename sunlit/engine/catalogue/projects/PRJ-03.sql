-- ---
-- code: PRJ-03
-- title: {zh: 村干部或其近亲属关联承包方, en: Contractor run or owned by a village cadre or a close relative}
-- domain: projects
-- severity: red
-- basis: 村级小微权力清单 and 村级工程项目管理 — a cadre who has an interest in a bidder, personally or through a close relative, must withdraw; the village's projects are not let to firms of its cadres or their close relatives
-- subject: project
-- params:
--   roles: {type: list, default: [legal_rep, shareholder], doc: enterprise_person roles that tie a person to the contractor (the registered legal representative always does)}
-- uses: [cadre_circle]
-- reads: [project, enterprise, enterprise_person, cadre, kinship, household]
-- evidence: [contractor_org_id, contractor_name, person_id, role, cadre_person_id, cadre_name, position, relation, contract_date]
-- ---
with contract as (
    select project_id, village_code, contractor_org_id, contractor_name, contract_amount, contract_date
    from project
    where contractor_org_id is not null
      and contract_date is not null
), contractor_person as (
    -- the people behind the contractor while it is an active enterprise on the contract date
    select k.project_id, e.legal_rep_person_id as person_id, 'legal_rep' as role
    from contract as k
    join enterprise as e
      on e.org_id = k.contractor_org_id
     and (e.established_date is null or e.established_date <= k.contract_date)
     and (e.closed_date is null or k.contract_date < e.closed_date)
    where e.legal_rep_person_id is not null
    union all
    select k.project_id, ep.person_id, ep.role
    from contract as k
    join enterprise_person as ep on ep.org_id = k.contractor_org_id
    left join enterprise as e on e.org_id = k.contractor_org_id
    where list_contains(:roles, ep.role)
      and (e.org_id is null
           or ((e.established_date is null or e.established_date <= k.contract_date)
               and (e.closed_date is null or k.contract_date < e.closed_date)))
), tied_contractor as materialized (
    -- the people behind a contract who are in some cadre's circle: few, so matched with the offices after
    select p.project_id, p.person_id, p.role, cc.cadre_person_id, cc.relation, cc.closeness
    from contractor_person as p
    join cadre_circle as cc on cc.person_id = p.person_id
), tie as (
    -- a cadre of the village in office on the contract date
    select k.project_id, k.village_code, k.contractor_org_id, k.contractor_name, k.contract_amount,
           k.contract_date, p.person_id, p.role, p.cadre_person_id, c.name as cadre_name, c.position,
           p.relation, p.closeness
    from contract as k
    join tied_contractor as p on p.project_id = k.project_id
    join cadre as c
      on c.person_id = p.cadre_person_id
     and c.village_code = k.village_code
     and k.contract_date >= c.term_start
     and (c.term_end is null or k.contract_date <= c.term_end)
    qualify row_number() over (partition by k.project_id
                               order by p.closeness, p.role, p.cadre_person_id, p.person_id) = 1
)
select
    'project' as subject_type,
    project_id as subject_id,
    village_code,
    strftime(contract_date, '%Y-%m') as period,
    contract_amount as amount_involved,
    {'contractor_org_id': contractor_org_id, 'contractor_name': contractor_name, 'person_id': person_id,
     'role': role, 'cadre_person_id': cadre_person_id, 'cadre_name': cadre_name, 'position': position,
     'relation': relation, 'contract_date': contract_date} as evidence,
    case when closeness = 1 then 1.0 else 0.9 end as score
from tie
