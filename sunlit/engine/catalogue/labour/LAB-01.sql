-- ---
-- code: LAB-01
-- title: {zh: 村干部违规领取务工报酬, en: Village cadre paid for labour in own village during term}
-- domain: labour
-- severity: red
-- basis: 村级小微权力清单 — village cadres are paid their remuneration, not day-labour pay in their own village
-- subject: labour_payment
-- params: {}
-- reads: [labour_payment, cadre]
-- evidence: [person_id, name, position, term_start, paid_date, days, amount]
-- ---
select
    'labour_payment' as subject_type,
    p.payment_id as subject_id,
    p.village_code,
    strftime(p.paid_date, '%Y-%m') as period,
    p.amount as amount_involved,
    {'person_id': p.person_id, 'name': p.name, 'position': c.position, 'term_start': c.term_start,
     'paid_date': p.paid_date, 'days': p.days, 'amount': p.amount} as evidence,
    1.0 as score
from labour_payment as p
join cadre as c
  on c.person_id = p.person_id
 and c.village_code = p.village_code
 and p.paid_date >= c.term_start
 and (c.term_end is null or p.paid_date <= c.term_end)
qualify row_number() over (partition by p.payment_id order by c.term_start, c.position) = 1
