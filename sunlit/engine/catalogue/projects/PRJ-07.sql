-- ---
-- code: PRJ-07
-- title: {zh: 重大工程未经村民代表会议决议, en: Project above the decision threshold contracted without a villagers' representative resolution}
-- domain: projects
-- severity: red
-- basis: 《中华人民共和国村民委员会组织法》第二十四条 (村公益事业的建设承包方案 and 村集体经济项目的立项、承包方案 are decided by the villagers' meeting or, as authorised, the representatives' meeting) and 四议两公开 — the resolution comes before the contract
-- subject: project
-- params:
--   decision_threshold: {type: money, default: 100000, min: 1000, max: 100000000, doc: project amount in yuan from which a villagers' (representative) meeting resolution is required}
-- reads: [project]
-- evidence: [name, amount, decision_date, decision_ref, contract_date, finding]
-- ---
with contracted_project as (
    select *,
           coalesce(contract_amount, budget_amount) as amount
    from project
    where contract_date is not null
), undecided as (
    -- above the threshold, and either no resolution recorded or one dated after the contract
    select *,
           case when decision_date is null then 'no_resolution' else 'resolution_after_contract' end as finding
    from contracted_project
    where amount >= :decision_threshold
      and (decision_date is null or decision_date > contract_date)
)
select
    'project' as subject_type,
    project_id as subject_id,
    village_code,
    strftime(contract_date, '%Y-%m') as period,
    amount as amount_involved,
    {'name': name, 'amount': amount, 'decision_date': decision_date, 'decision_ref': decision_ref,
     'contract_date': contract_date, 'finding': finding} as evidence,
    case when decision_date is null then 1.0 else 0.7 end as score
from undecided
