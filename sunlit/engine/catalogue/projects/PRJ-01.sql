-- ---
-- code: PRJ-01
-- title: {zh: 应招标未招标（直接发包超限额）, en: Direct award above the tender threshold}
-- domain: projects
-- severity: red
-- basis: 《中华人民共和国招标投标法》 and 村级工程项目管理 — a village project above the county's tender threshold is let by tender, not awarded directly; 第六十六条 allows exceptions such as 抢险救灾
-- subject: project
-- params:
--   tender_threshold: {type: money, default: 400000, min: 10000, max: 100000000, doc: contract amount in yuan (the budget when no contract amount is recorded) from which a project must be tendered}
--   exempt_categories: {type: list, default: [抢险救灾], doc: project categories that may be awarded directly whatever the amount (emergency works)}
-- reads: [project]
-- evidence: [contractor_org_id, contractor_name, procurement_method, amount, amount_source, tender_threshold, contract_date]
-- ---
with project_amount as (
    select *,
           coalesce(contract_amount, budget_amount) as amount,
           case when contract_amount is not null then 'contract' else 'budget' end as amount_source,
           coalesce(contract_date, decision_date, start_date) as award_date
    from project
), direct_award_over as (
    select *
    from project_amount
    where procurement_method = 'direct_award'
      and amount >= :tender_threshold
      and not list_contains(:exempt_categories, coalesce(category, ''))
      and award_date is not null
)
select
    'project' as subject_type,
    project_id as subject_id,
    village_code,
    strftime(award_date, '%Y-%m') as period,
    amount as amount_involved,
    {'contractor_org_id': contractor_org_id, 'contractor_name': contractor_name,
     'procurement_method': procurement_method, 'amount': amount, 'amount_source': amount_source,
     'tender_threshold': :tender_threshold, 'contract_date': contract_date} as evidence,
    least(1.0, 0.6 + 0.4 * (amount - :tender_threshold) / :tender_threshold) as score
from direct_award_over
