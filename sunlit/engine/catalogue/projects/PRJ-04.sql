-- ---
-- code: PRJ-04
-- title: {zh: 工程变更超比例, en: Change orders above a share of the contract amount}
-- domain: projects
-- severity: yellow
-- basis: 村级工程项目管理 — a change that raises the price of a village project by more than the county's share goes back to the same democratic decision (四议两公开) as the project itself
-- subject: project
-- params:
--   max_change_share: {type: ratio, default: 0.1, min: 0.01, max: 1, doc: net change orders as a share of the contract amount above which a project is flagged}
-- reads: [project, project_change]
-- evidence: [contract_amount, total_change, change_share, changes, crossing_change_id, crossing_date]
-- ---
with contract as (
    select project_id, village_code, contractor_name, contract_amount
    from project
    where contract_amount > 0
), change_running as (
    -- each change with the project's net change up to it and in all
    select change_id, project_id, change_date, amount_delta,
           sum(amount_delta) over (partition by project_id order by change_date, change_id
                                   rows between unbounded preceding and current row) as running_change,
           sum(amount_delta) over (partition by project_id) as total_change,
           count(*) over (partition by project_id) as changes
    from project_change
    where amount_delta is not null
      and change_date is not null
), crossing as (
    -- the first change that took the net change above the share, for projects that end above it
    select r.project_id, k.village_code, k.contractor_name, k.contract_amount, r.total_change, r.changes,
           r.change_id as crossing_change_id, r.change_date as crossing_date
    from change_running as r
    join contract as k on k.project_id = r.project_id
    where r.total_change > :max_change_share * k.contract_amount
      and r.running_change > :max_change_share * k.contract_amount
    qualify row_number() over (partition by r.project_id order by r.change_date, r.change_id) = 1
)
select
    'project' as subject_type,
    project_id as subject_id,
    village_code,
    strftime(crossing_date, '%Y-%m') as period,
    total_change as amount_involved,
    {'contract_amount': contract_amount, 'total_change': total_change,
     'change_share': cast(round(total_change / contract_amount, 4) as decimal(9, 4)), 'changes': changes,
     'crossing_change_id': crossing_change_id, 'crossing_date': crossing_date} as evidence,
    least(1.0, 0.5 + 0.5 * (total_change / contract_amount - :max_change_share) / :max_change_share) as score
from crossing
