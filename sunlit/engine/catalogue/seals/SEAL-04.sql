-- ---
-- code: SEAL-04
-- title: {zh: 合同用印无对应台账记录, en: A contract stamped with no matching ledger record}
-- domain: seals
-- severity: red
-- basis: 村级小微权力清单 — a contract the village signs comes out of a recorded matter (a project, a lease, a purchase …); the seal register names that record
-- subject: seal_usage
-- params:
--   document_types: {type: list, default: [contract], doc: document types that must point to a ledger record}
-- reads: [seal_usage, seal, project, project_change, project_payment, asset, lease, rent_receipt, purchase, labour_task, labour_payment, relief_payment]
-- evidence: [seal_id, seal_name, used_at, matter, related_type, related_id, finding, record_village_code]
-- ---
with ledger_record as (
    -- every record a seal usage may name: the ledger table's name and the record's own ID, with its village
    select 'project' as ledger, project_id as record_id, village_code from project
    union all
    select 'project_change', c.change_id, p.village_code
    from project_change as c left join project as p on p.project_id = c.project_id
    union all
    select 'project_payment', y.payment_id, p.village_code
    from project_payment as y left join project as p on p.project_id = y.project_id
    union all
    select 'asset', asset_id, village_code from asset
    union all
    select 'lease', lease_id, village_code from lease
    union all
    select 'rent_receipt', r.receipt_id, l.village_code
    from rent_receipt as r left join lease as l on l.lease_id = r.lease_id
    union all
    select 'purchase', purchase_id, village_code from purchase
    union all
    select 'labour_task', task_id, village_code from labour_task
    union all
    select 'labour_payment', payment_id, village_code from labour_payment
    union all
    select 'relief_payment', payment_id, village_code from relief_payment
), contract_use as (
    select u.*,
           lower(nullif(trim(u.related_type), '')) as ref_type,
           nullif(trim(u.related_id), '') as ref_id
    from seal_usage as u
    where list_contains(:document_types, u.document_type)
), reference_check as (
    -- the records the reference names (in the named ledger, or in any ledger when none is named)
    select c.usage_id,
           max(case when r.village_code = c.village_code then 1 else 0 end) as in_own_village,
           count(r.record_id) as records,
           max(r.village_code) as record_village_code
    from contract_use as c
    left join ledger_record as r
      on r.record_id = c.ref_id
     and (c.ref_type is null or r.ledger = c.ref_type)
    group by c.usage_id
), unmatched as (
    select c.*, k.record_village_code,
           case when c.ref_id is null then 'no_reference'
                when k.records = 0 then 'no_matching_record'
                else 'record_of_another_village' end as finding
    from contract_use as c
    join reference_check as k on k.usage_id = c.usage_id
    where k.in_own_village = 0
), flagged as (
    select m.*, s.name as seal_name
    from unmatched as m
    left join seal as s on s.seal_id = m.seal_id
    qualify row_number() over (partition by m.usage_id order by s.name) = 1
)
select
    'seal_usage' as subject_type,
    usage_id as subject_id,
    village_code,
    strftime(used_at, '%Y-%m') as period,
    cast(null as decimal(14, 2)) as amount_involved,
    {'seal_id': seal_id, 'seal_name': seal_name, 'used_at': used_at, 'matter': matter, 'related_type': related_type,
     'related_id': related_id, 'finding': finding,
     'record_village_code': case when finding = 'record_of_another_village' then record_village_code end} as evidence,
    case when finding = 'record_of_another_village' then 0.8 else 1.0 end as score
from flagged
