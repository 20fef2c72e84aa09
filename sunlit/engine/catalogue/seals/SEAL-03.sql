-- ---
-- code: SEAL-03
-- title: {zh: 非工作时间用印, en: Seal used outside working time (nights, weekends, statutory holidays)}
-- domain: seals
-- severity: yellow
-- basis: 村级小微权力清单 — seals are used at the village office in office hours, with the custodian present; a use at night, on a weekend or on a public holiday escapes that control
-- subject: seal_usage
-- params:
--   work_start: {type: time, default: '08:00', doc: 'start of the working day, HH:MM (Asia/Shanghai wall-clock time)'}
--   work_end: {type: time, default: '18:00', doc: 'end of the working day, HH:MM; a use at or after it is outside working time'}
--   holidays:
--     type: list
--     doc: 'days off under the State Council''s published holiday calendars (ISO dates), the weekdays taken off in lieu included'
--     default: [
--       '2025-01-01',   # 2025 元旦
--       '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01', '2025-02-02', '2025-02-03', '2025-02-04',   # 2025 春节
--       '2025-04-04', '2025-04-05', '2025-04-06',   # 2025 清明节
--       '2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04', '2025-05-05',   # 2025 劳动节
--       '2025-05-31', '2025-06-01', '2025-06-02',   # 2025 端午节
--       '2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05', '2025-10-06', '2025-10-07', '2025-10-08',   # 2025 国庆节、中秋节
--       '2026-01-01', '2026-01-02', '2026-01-03',   # 2026 元旦
--       '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23',   # 2026 春节
--       '2026-04-04', '2026-04-05', '2026-04-06',   # 2026 清明节
--       '2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05',   # 2026 劳动节
--       '2026-06-19', '2026-06-20', '2026-06-21',   # 2026 端午节
--       '2026-09-25', '2026-09-26', '2026-09-27',   # 2026 中秋节
--       '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'    # 2026 国庆节
--     ]
--   extra_workdays:
--     type: list
--     doc: 'weekend days made working days by the same calendars (调休), ISO dates'
--     default: [
--       '2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11',   # 2025
--       '2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'    # 2026
--     ]
-- reads: [seal_usage, seal]
-- evidence: [seal_id, seal_name, used_at, weekday, finding, document_type, matter]
-- ---
with usage_time as (
    select u.*,
           strftime(u.used_at, '%Y-%m-%d') as use_day,
           strftime(u.used_at, '%H:%M') as use_clock,
           dayofweek(u.used_at) as weekday
    from seal_usage as u
    where u.used_at is not null
), judged as (
    -- a statutory holiday first, then a weekend that is not a day worked in lieu, then the hours of a working day
    select *,
           case
               when list_contains(:holidays, use_day) then 'holiday'
               when weekday in (0, 6) and not list_contains(:extra_workdays, use_day) then 'weekend'
               when use_clock < :work_start or use_clock >= :work_end then 'outside_hours'
           end as finding
    from usage_time
), after_hours as (
    select j.*, s.name as seal_name
    from judged as j
    left join seal as s on s.seal_id = j.seal_id
    where j.finding is not null
    qualify row_number() over (partition by j.usage_id order by s.name) = 1
)
select
    'seal_usage' as subject_type,
    usage_id as subject_id,
    village_code,
    strftime(used_at, '%Y-%m') as period,
    cast(null as decimal(14, 2)) as amount_involved,
    {'seal_id': seal_id, 'seal_name': seal_name, 'used_at': used_at, 'weekday': weekday, 'finding': finding,
     'document_type': document_type, 'matter': matter} as evidence,
    case finding when 'holiday' then 0.9 when 'weekend' then 0.8 else 0.6 end as score
from after_hours
