-- ---
-- code: PRJ-05
-- title: {zh: 工程超合同（结算）金额付款, en: Payments exceed the contract or settlement amount}
-- domain: projects
-- severity: red
-- basis: 村级工程项目管理 and 村级财务管理 — a village pays a contractor what the contract (with its approved changes) or the audited settlement says, and no more
-- subject: project
-- params:
--   tolerance: {type: money, default: 0, min: 0, max: 1000000, doc: overpayment in yuan tolerated before a project is flagged}
-- reads: [project, project_change, project_payment]
-- evidence: [contractor_name, ceiling, ceiling_source, contract_amount, total_change, settlement_amount, paid_total, overpaid, crossing_payment_id]
-- ---
with net_change as (
    select project_id, sum(amount_delta) as total_change
    from project_change
    group by project_id
), payable as (
    -- what the village owes: the settlement once settled, else the contract with its changes
    select p.project_id, p.village_code, p.contractor_name, p.contract_amount, p.settlement_amount,
           coalesce(c.total_change, 0) as total_change,
           coalesce(p.settlement_amount, p.contract_amount + coalesce(c.total_change, 0)) as ceiling,
           case when p.settlement_amount is not null then 'settlement' else 'contract' end as ceiling_source
    from project as p
    left join net_change as c on c.project_id = p.project_id
    where p.settlement_amount is not null
       or p.contract_amount is not null
), payment_running as (
    select payment_id, project_id, pay_date, amount,
           sum(amount) over (partition by project_id order by pay_date, payment_id
                             rows between unbounded preceding and current row) as paid_so_far,
           sum(amount) over (partition by project_id) as paid_total
    from project_payment
    where amount is not null
      and pay_date is not null
), overpaid as (
    -- the first payment that took the total paid over the ceiling, for projects that end over it
    select k.*, r.paid_total, r.paid_total - k.ceiling as overpaid,
           r.payment_id as crossing_payment_id, r.pay_date as crossing_date
    from payment_running as r
    join payable as k on k.project_id = r.project_id
    where r.paid_total > k.ceiling + :tolerance
      and r.paid_so_far > k.ceiling + :tolerance
    qualify row_number() over (partition by r.project_id order by r.pay_date, r.payment_id) = 1
)
select
    'project' as subject_type,
    project_id as subject_id,
    village_code,
    strftime(crossing_date, '%Y-%m') as period,
    overpaid as amount_involved,
    {'contractor_name': contractor_name, 'ceiling': ceiling, 'ceiling_source': ceiling_source,
     'contract_amount': contract_amount, 'total_change': total_change, 'settlement_amount': settlement_amount,
     'paid_total': paid_total, 'overpaid': overpaid, 'crossing_payment_id': crossing_payment_id} as evidence,
    case when ceiling > 0 then least(1.0, 0.6 + 4 * overpaid / ceiling) else 1.0 end as score
from overpaid
