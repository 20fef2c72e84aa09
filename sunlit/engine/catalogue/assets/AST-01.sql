-- ---
-- code: AST-01
-- title: {zh: 集体资产长期闲置, en: Collective asset idle beyond the limit}
-- domain: assets
-- severity: yellow
-- basis: 农村集体资产管理 (《中共中央 国务院关于稳步推进农村集体产权制度改革的意见》) — collective assets are to be used and managed for the collective's benefit; an asset left idle loses income and is a candidate for quiet disposal or private use
-- subject: asset
-- params:
--   idle_days_limit: {type: integer, default: 365, min: 30, max: 3650, doc: days an asset may stay idle before it is flagged}
--   as_of: {type: text, default: "", doc: the date (YYYY-MM-DD) the idle time is counted up to; empty means the day of the run}
-- reads: [asset, lease]
-- evidence: [name, asset_type, idle_since, idle_days, as_of, book_value]
-- ---
with reference_day as (
    select coalesce(cast(nullif(:as_of, '') as date), current_date) as as_of
), idle_asset as (
    select a.*, r.as_of, date_diff('day', a.idle_since, r.as_of) as idle_days
    from asset as a
    cross join reference_day as r
    where a.status = 'idle'
      and a.idle_since is not null
), let_on_the_day as (
    -- assets with a lease running on the reference day: the idle status is stale, not the asset
    select distinct l.asset_id
    from lease as l
    cross join reference_day as r
    where l.start_date <= r.as_of
      and (l.end_date is null or r.as_of <= l.end_date)
)
select
    'asset' as subject_type,
    i.asset_id as subject_id,
    i.village_code,
    strftime(i.idle_since, '%Y-%m') as period,
    i.book_value as amount_involved,
    {'name': i.name, 'asset_type': i.asset_type, 'idle_since': i.idle_since, 'idle_days': i.idle_days,
     'as_of': i.as_of, 'book_value': i.book_value} as evidence,
    least(1.0, 0.5 * i.idle_days / :idle_days_limit) as score
from idle_asset as i
left join let_on_the_day as let on let.asset_id = i.asset_id
where i.idle_days > :idle_days_limit
  and let.asset_id is null
