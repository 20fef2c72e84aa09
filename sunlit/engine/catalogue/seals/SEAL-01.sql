-- ---
-- code: SEAL-01
-- title: {zh: 用印未经审批, en: Seal used with no approval}
-- domain: seals
-- severity: red
-- basis: 村级小微权力清单 — every use of a village seal is applied for and approved before it is stamped, and registered (用印审批登记)
-- subject: seal_usage
-- params: {}
-- reads: [seal_usage, seal]
-- evidence: [seal_id, seal_name, used_at, document_type, matter, applicant_name, missing]
-- ---
with usage_approval as (
    select u.*,
           nullif(trim(u.approver_person_id), '') is null as no_approver,
           u.approved_at is null as no_approval_time
    from seal_usage as u
), unapproved as (
    select a.*, s.name as seal_name
    from usage_approval as a
    left join seal as s on s.seal_id = a.seal_id
    where a.no_approver or a.no_approval_time
    qualify row_number() over (partition by a.usage_id order by s.name) = 1
)
select
    'seal_usage' as subject_type,
    usage_id as subject_id,
    village_code,
    strftime(used_at, '%Y-%m') as period,
    cast(null as decimal(14, 2)) as amount_involved,
    {'seal_id': seal_id, 'seal_name': seal_name, 'used_at': used_at, 'document_type': document_type, 'matter': matter,
     'applicant_name': applicant_name,
     'missing': case when no_approver and no_approval_time then 'approver_and_time'
                     when no_approver then 'approver' else 'approval_time' end} as evidence,
    case when no_approver then 1.0 else 0.8 end as score
from unapproved
