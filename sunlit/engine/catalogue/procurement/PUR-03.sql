-- ---
-- code: PUR-03
-- title: {zh: 同一发票重复报销, en: The same invoice number claimed twice}
-- domain: procurement
-- severity: red
-- basis: 会计基础工作规范 / 农村集体经济组织财务制度 — one invoice supports one payment; an invoice claimed again is a false claim
-- subject: purchase
-- params: {}
-- reads: [purchase]
-- evidence: [invoice_no, claims, claim_no, first_purchase_id, first_village_code, first_date, first_amount]
-- ---
with claimed_invoice as (
    -- invoice numbers compared without surrounding spaces and case; an empty number claims nothing
    select *, upper(trim(invoice_no)) as invoice_key
    from purchase
    where nullif(trim(invoice_no), '') is not null
), repeated_invoice as (
    -- invoice numbers claimed more than once: few, found before anything is ordered
    select invoice_key from claimed_invoice group by invoice_key having count(*) > 1
), claim_order as (
    select *,
           row_number() over (partition by invoice_key order by purchase_date, purchase_id) as claim_no,
           count(*) over (partition by invoice_key) as claims,
           first_value(purchase_id) over (partition by invoice_key order by purchase_date, purchase_id) as first_purchase_id,
           first_value(village_code) over (partition by invoice_key order by purchase_date, purchase_id) as first_village_code,
           first_value(purchase_date) over (partition by invoice_key order by purchase_date, purchase_id) as first_date,
           first_value(amount) over (partition by invoice_key order by purchase_date, purchase_id) as first_amount
    from claimed_invoice
    where invoice_key in (select invoice_key from repeated_invoice)
)
select
    'purchase' as subject_type,
    purchase_id as subject_id,
    village_code,
    strftime(purchase_date, '%Y-%m') as period,
    amount as amount_involved,
    {'invoice_no': invoice_key, 'claims': claims, 'claim_no': claim_no, 'first_purchase_id': first_purchase_id,
     'first_village_code': first_village_code, 'first_date': first_date, 'first_amount': first_amount} as evidence,
    1.0 as score
from claim_order
where claim_no > 1
