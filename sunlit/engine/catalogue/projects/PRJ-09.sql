-- ---
-- code: PRJ-09
-- title: {zh: 承包方临时成立或已注销吊销, en: Contractor established just before the contract, or not active at the contract date}
-- domain: projects
-- severity: yellow
-- basis: 村级工程项目管理 — a contractor must be a going concern able to perform; a firm set up days before the award is typical of a shell put up for the contract, and a revoked or cancelled firm cannot lawfully contract
-- subject: project
-- params:
--   min_age_days: {type: integer, default: 30, min: 1, max: 730, doc: a contractor established fewer days than this before the contract date is flagged}
-- reads: [project, enterprise]
-- evidence: [contractor_org_id, contractor_name, established_date, closed_date, status, age_days, finding, contract_date]
-- ---
with contract as (
    select project_id, village_code, contractor_org_id, contractor_name, contract_amount, contract_date
    from project
    where contractor_org_id is not null
      and contract_date is not null
), contractor_on_date as (
    select k.*, e.status, e.established_date, e.closed_date,
           date_diff('day', e.established_date, k.contract_date) as age_days,
           case
               when e.closed_date is not null and e.closed_date <= k.contract_date then 'closed_before_contract'
               when e.established_date > k.contract_date then 'established_after_contract'
               when date_diff('day', e.established_date, k.contract_date) < :min_age_days then 'newly_established'
           end as finding
    from contract as k
    join enterprise as e on e.org_id = k.contractor_org_id
)
select
    'project' as subject_type,
    project_id as subject_id,
    village_code,
    strftime(contract_date, '%Y-%m') as period,
    contract_amount as amount_involved,
    {'contractor_org_id': contractor_org_id, 'contractor_name': contractor_name,
     'established_date': established_date, 'closed_date': closed_date, 'status': status,
     'age_days': age_days, 'finding': finding, 'contract_date': contract_date} as evidence,
    case when finding = 'newly_established' then 0.6 else 1.0 end as score
from contractor_on_date
where finding is not null
