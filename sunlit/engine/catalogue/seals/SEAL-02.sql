-- ---
-- code: SEAL-02
-- title: {zh: 先用印后审批, en: Approval recorded after the use}
-- domain: seals
-- severity: yellow
-- basis: 村级小微权力清单 — a seal is stamped only after the use is approved; an approval dated after the stamp is an after-the-fact cover (先用印后补批)
-- subject: seal_usage
-- params:
--   grace_minutes: {type: integer, default: 10, min: 0, max: 1440, doc: minutes by which an approval may follow the registered use (clock and entry lag) before it counts as after the use}
-- reads: [seal_usage, seal]
-- evidence: [seal_id, seal_name, used_at, approved_at, approver_person_id, lag_minutes, document_type, matter]
-- ---
with approval_lag as (
    select u.*,
           (epoch(u.approved_at) - epoch(u.used_at)) / 60.0 as lag_minutes
    from seal_usage as u
    where u.approved_at is not null
      and u.used_at is not null
), late_approval as (
    select l.*, s.name as seal_name
    from approval_lag as l
    left join seal as s on s.seal_id = l.seal_id
    where l.lag_minutes > :grace_minutes
    qualify row_number() over (partition by l.usage_id order by s.name) = 1
)
select
    'seal_usage' as subject_type,
    usage_id as subject_id,
    village_code,
    strftime(used_at, '%Y-%m') as period,
    cast(null as decimal(14, 2)) as amount_involved,
    {'seal_id': seal_id, 'seal_name': seal_name, 'used_at': used_at, 'approved_at': approved_at,
     'approver_person_id': approver_person_id, 'lag_minutes': cast(floor(lag_minutes) as bigint),
     'document_type': document_type, 'matter': matter} as evidence,
    least(1.0, 0.5 + lag_minutes / 2880.0) as score
from late_approval
