-- ---
-- code: SEAL-05
-- title: {zh: 空白纸张加盖印章, en: Blank paper stamped}
-- domain: seals
-- severity: red
-- basis: 印章管理制度 (seal custody rules of villages and units) — a seal is not put on blank paper, blank forms or blank letterheads (严禁在空白纸张、空白介绍信上用印)
-- subject: seal_usage
-- params:
--   blank_markers: {type: list, default: [空白, 白纸], doc: words in the matter that mark blank paper whatever document type was registered}
-- reads: [seal_usage, seal]
-- evidence: [seal_id, seal_name, used_at, document_type, matter, applicant_name, approver_person_id, finding]
-- ---
with blank_use as (
    select u.*,
           case when u.document_type = 'blank' then 'registered_as_blank'
                else 'matter_says_blank' end as finding
    from seal_usage as u
    where u.document_type = 'blank'
       or list_contains(list_transform(:blank_markers, marker -> contains(coalesce(u.matter, ''), marker)), true)
), flagged as (
    select b.*, s.name as seal_name
    from blank_use as b
    left join seal as s on s.seal_id = b.seal_id
    qualify row_number() over (partition by b.usage_id order by s.name) = 1
)
select
    'seal_usage' as subject_type,
    usage_id as subject_id,
    village_code,
    strftime(used_at, '%Y-%m') as period,
    cast(null as decimal(14, 2)) as amount_involved,
    {'seal_id': seal_id, 'seal_name': seal_name, 'used_at': used_at, 'document_type': document_type, 'matter': matter,
     'applicant_name': applicant_name, 'approver_person_id': approver_person_id, 'finding': finding} as evidence,
    case when finding = 'registered_as_blank' then 1.0 else 0.9 end as score
from flagged
