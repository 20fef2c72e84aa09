-- ---
-- code: PRJ-08
-- title: {zh: 工程直接发包比例过高, en: A village's direct-award ratio in a year too high}
-- domain: projects
-- severity: yellow
-- statistical: true
-- basis: 村级工程项目管理 — village projects are let by competitive methods as the rule and by direct award as the exception; a village that awards most of a year's projects directly is not following the rule
-- subject: village
-- params:
--   max_direct_share: {type: ratio, default: 0.5, min: 0.05, max: 1, doc: share of a year's contracted projects awarded directly above which the village is flagged}
--   min_projects: {type: integer, default: 5, min: 2, max: 100, doc: fewest contracted projects in the village-year for the share to be judged}
-- reads: [project]
-- evidence: [year, projects, direct_awards, direct_share, direct_amount, total_amount]
-- ---
with contracted_project as (
    select village_code, strftime(contract_date, '%Y') as year, procurement_method,
           coalesce(contract_amount, budget_amount, 0) as amount
    from project
    where contract_date is not null
      and procurement_method is not null
), village_year as (
    select village_code, year,
           count(*) as projects,
           count(*) filter (where procurement_method = 'direct_award') as direct_awards,
           sum(amount) as total_amount,
           coalesce(sum(amount) filter (where procurement_method = 'direct_award'), 0) as direct_amount
    from contracted_project
    group by village_code, year
)
select
    'village' as subject_type,
    village_code as subject_id,
    village_code,
    year as period,
    direct_amount as amount_involved,
    {'year': year, 'projects': projects, 'direct_awards': direct_awards,
     'direct_share': cast(round(direct_awards / projects, 4) as decimal(9, 4)),
     'direct_amount': direct_amount, 'total_amount': total_amount} as evidence,
    least(1.0, 1.0 * direct_awards / projects) as score
from village_year
where projects >= :min_projects
  and direct_awards > :max_direct_share * projects
