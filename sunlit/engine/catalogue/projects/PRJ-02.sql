-- ---
-- code: PRJ-02
-- title: {zh: 化整为零规避招标, en: Contracts split to stay under the tender threshold}
-- domain: projects
-- severity: red
-- basis: 《中华人民共和国招标投标法》第四条 — no one may split a project that must be tendered into parts, or use any other means, to avoid tendering; the county sets the threshold for village projects (村级工程项目管理)
-- subject: project
-- params:
--   tender_threshold: {type: money, default: 400000, min: 10000, max: 100000000, doc: contract amount in yuan from which a project must be tendered}
--   window_days: {type: integer, default: 90, min: 1, max: 730, doc: days between contract dates within which contracts with the same contractor count as one project}
--   min_parts: {type: integer, default: 2, min: 2, max: 20, doc: fewest contracts under the threshold that make a split}
--   untendered_methods: {type: list, default: [direct_award, inquiry, competitive_negotiation], doc: procurement methods that the threshold concerns (tendered contracts are never counted)}
-- reads: [project]
-- evidence: [contractor_org_id, contractor_name, parts, first_contract_date, last_contract_date, total, tender_threshold]
-- ---
with untendered_contract as (
    -- contracts each under the threshold, let without a tender, with a known contractor and date
    select project_id, village_code, contractor_org_id, contractor_name, contract_date, contract_amount
    from project
    where contract_amount < :tender_threshold
      and contractor_org_id is not null
      and contract_date is not null
      and list_contains(:untendered_methods, coalesce(procurement_method, ''))
), running_total as (
    -- each contract with the earlier (or same-day, lower id) contracts of the same contractor and village in the window
    select later.project_id, later.village_code, later.contractor_org_id, later.contractor_name,
           later.contract_date, later.contract_amount,
           count(*) as parts,
           sum(earlier.contract_amount) as total,
           min(earlier.contract_date) as first_contract_date
    from untendered_contract as later
    join untendered_contract as earlier
      on earlier.village_code = later.village_code
     and earlier.contractor_org_id = later.contractor_org_id
     and date_diff('day', earlier.contract_date, later.contract_date) between 0 and :window_days
     and (earlier.contract_date < later.contract_date
          or (earlier.contract_date = later.contract_date and earlier.project_id <= later.project_id))
    group by later.project_id, later.village_code, later.contractor_org_id, later.contractor_name,
             later.contract_date, later.contract_amount
), threshold_crossing as (
    -- the contract that takes the contractor's total over the threshold
    select *
    from running_total
    where parts >= :min_parts
      and total >= :tender_threshold
      and total - contract_amount < :tender_threshold
)
select
    'project' as subject_type,
    project_id as subject_id,
    village_code,
    strftime(contract_date, '%Y-%m') as period,
    total as amount_involved,
    {'contractor_org_id': contractor_org_id, 'contractor_name': contractor_name, 'parts': parts,
     'first_contract_date': first_contract_date, 'last_contract_date': contract_date, 'total': total,
     'tender_threshold': :tender_threshold} as evidence,
    least(1.0, 0.5 + 0.15 * parts) as score
from threshold_crossing
