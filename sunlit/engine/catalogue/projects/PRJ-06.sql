-- ---
-- code: PRJ-06
-- title: {zh: 未验收先大额付款, en: Most of the contract paid before acceptance}
-- domain: projects
-- severity: yellow
-- basis: 村级工程项目管理 — progress payments before completion acceptance (竣工验收) are capped at a share of the contract; the balance is paid after acceptance and settlement
-- subject: project
-- params:
--   max_share_before_acceptance: {type: ratio, default: 0.8, min: 0.1, max: 1, doc: share of the contract amount (with its changes) that may be paid before acceptance}
-- reads: [project, project_change, project_payment]
-- evidence: [contractor_name, contract_amount, total_change, acceptance_date, paid_before_acceptance, paid_share, crossing_payment_id]
-- ---
with net_change as (
    select project_id, sum(amount_delta) as total_change
    from project_change
    group by project_id
), contract as (
    select p.project_id, p.village_code, p.contractor_name, p.contract_amount, p.acceptance_date,
           coalesce(c.total_change, 0) as total_change,
           p.contract_amount + coalesce(c.total_change, 0) as contract_total
    from project as p
    left join net_change as c on c.project_id = p.project_id
    where p.contract_amount is not null
), paid_before_acceptance as (
    -- payments made before the acceptance date (all payments while the project is not accepted)
    select k.project_id, k.village_code, k.contractor_name, k.contract_amount, k.total_change,
           k.contract_total, k.acceptance_date, pay.payment_id, pay.pay_date,
           sum(pay.amount) over (partition by pay.project_id order by pay.pay_date, pay.payment_id
                                 rows between unbounded preceding and current row) as paid_so_far,
           sum(pay.amount) over (partition by pay.project_id) as paid_total
    from project_payment as pay
    join contract as k on k.project_id = pay.project_id
    where pay.amount is not null
      and pay.pay_date is not null
      and (k.acceptance_date is null or pay.pay_date < k.acceptance_date)
), crossing as (
    select *
    from paid_before_acceptance
    where contract_total > 0
      and paid_so_far > :max_share_before_acceptance * contract_total
    qualify row_number() over (partition by project_id order by pay_date, payment_id) = 1
)
select
    'project' as subject_type,
    project_id as subject_id,
    village_code,
    strftime(pay_date, '%Y-%m') as period,
    paid_total as amount_involved,
    {'contractor_name': contractor_name, 'contract_amount': contract_amount, 'total_change': total_change,
     'acceptance_date': acceptance_date, 'paid_before_acceptance': paid_total,
     'paid_share': cast(round(paid_total / contract_total, 4) as decimal(9, 4)),
     'crossing_payment_id': payment_id} as evidence,
    least(1.0, 0.5 + (paid_total / contract_total - :max_share_before_acceptance)
                     / (1.0 - :max_share_before_acceptance + 0.01) * 0.5) as score
from crossing
