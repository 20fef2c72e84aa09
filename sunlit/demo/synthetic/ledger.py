"""A year (2025) of one village's ledger, clean by construction: projects tendered by the
thresholds, decided by the villagers' representatives before the contract, paid at most 30 % before
acceptance; leases of collective assets at rents near the township's rate, let by public bidding and
paid a year ahead; labour dispatched, attended and paid (amount = days × daily rate) with no worker on
two tasks the same day and no cadre or cadre's relative among the workers; purchases spread over
several suppliers; relief paid monthly; every seal use approved beforehand within working hours."""

import random
from datetime import date, datetime, time, timedelta
from functools import cache

import chinese_calendar

from .population import Enterprise, VillagePeople
from .tables import Tables, iso, yuan

YEAR = 2025
RECEIPTS_UNTIL = date(2026, 12, 31)  # rent is paid ahead for every lease year begun by then
# The day the generated data describes. Models that count time up to a day (idle assets, rent
# arrears) are run "as of" this day in the demo, so the clean data stays clean whatever the date.
AS_OF = RECEIPTS_UNTIL

# Procurement method of a project by its contract amount (yuan): (upper bound, methods)
PROJECT_METHODS = ((20_000, ("direct_award",)), (100_000, ("inquiry",)),
                   (400_000, ("competitive_negotiation", "invited_tender")), (10 ** 9, ("public_tender",)))
PROJECT_KINDS = [("道路硬化", "road"), ("河道整治", "water"), ("文化礼堂修缮", "building"), ("路灯安装", "lighting"),
                 ("污水管网改造", "sewage"), ("绿化提升", "greening"), ("农田水利", "water"), ("公厕改造", "building"),
                 ("停车场建设", "road"), ("村庄亮化", "lighting")]
# (asset type, name, unit, yearly rent per unit, area range, leases per village)
LEASED_ASSETS = [("land", "耕地", "亩", 900, (5, 60), 20), ("pond", "鱼塘", "亩", 1200, (3, 20), 6),
                 ("forest", "山林", "亩", 150, (20, 200), 4), ("shop", "店面", "平方米", 360, (30, 150), 14),
                 ("building", "厂房", "平方米", 120, (100, 600), 8)]
LABOUR_KINDS = [("环境保洁", "cleaning", 160), ("绿化养护", "greening", 170), ("道路修补", "repair", 190),
                ("河道保洁", "cleaning", 170), ("防汛值守", "duty", 180), ("文化礼堂布置", "other", 170),
                ("垃圾分类督导", "cleaning", 160), ("水渠清淤", "repair", 190)]
# (category, item, unit, unit price, quantity range)
PURCHASES = [("办公用品", "A4复印纸", "箱", 150, (2, 20)), ("清洁用品", "垃圾袋", "箱", 80, (5, 40)),
             ("绿化苗木", "香樟苗", "株", 120, (5, 30)), ("建材", "水泥", "吨", 450, (1, 8)),
             ("电器", "LED路灯", "盏", 380, (2, 10)), ("劳保用品", "劳保手套", "打", 36, (10, 60)),
             ("防汛物资", "编织袋", "捆", 60, (5, 40)), ("饮用水", "桶装水", "桶", 18, (20, 120)),
             ("消防器材", "灭火器", "具", 95, (4, 20))]
RELIEF_MONTHLY = {"minimum_living": (1100, 1250), "extreme_poverty": (1500, 1700), "disability": (200, 400),
                  "temporary": (800, 1000)}
SEAL_MATTERS = [("letter", "工作联系函"), ("certificate", "出具居住证明"), ("certificate", "出具家庭情况证明"),
                ("voucher", "报账凭证盖章"), ("other", "村务公开材料")]


@cache
def working_days(year: int) -> tuple[date, ...]:
    """Monday to Friday days that are statutory working days (no holidays, no swapped weekends)."""
    day, out = date(year, 1, 1), []
    while day.year == year:
        if day.weekday() < 5 and chinese_calendar.is_workday(day):
            out.append(day)
        day += timedelta(days=1)
    return tuple(out)


def working_day_on_or_before(day: date) -> date:
    while not (day.weekday() < 5 and chinese_calendar.is_workday(day)):
        day -= timedelta(days=1)
    return day


def _rand_day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


class VillageLedger:
    def __init__(self, t: Tables, vp: VillagePeople, contractors: list[Enterprise], suppliers: list[Enterprise],
                 lessee_orgs: list[Enterprise], seed: int):
        self.t, self.vp, self.v = t, vp, vp.village
        self.rng = random.Random(f"{seed}:ledger:{self.v.code}")
        self.contractors, self.suppliers, self.lessee_orgs = contractors, suppliers, lessee_orgs
        self.contracts: list[tuple[str, str, date]] = []  # (related_type, related_id, signed) for seal uses
        self.projects: list[tuple[str, date, date]] = []   # (project_id, start, end)

    def generate(self) -> None:
        self.projects_make()
        self.assets_and_leases()
        self.labour()
        self.purchases()
        self.relief()
        self.seals()

    # -- projects ----------------------------------------------------------------------------
    def projects_make(self) -> None:
        rng, code = self.rng, self.v.code
        bands = [(8_000, 19_000)] + [(20_000, 95_000)] * 4 + [(100_000, 390_000)] * 3 + [(400_000, 1_500_000)] * 2
        contractors = rng.sample(self.contractors, len(bands))
        for n, ((low, high), contractor) in enumerate(zip(bands, contractors, strict=True), start=1):
            pid = f"P{code}{n:03d}"
            title, category = rng.choice(PROJECT_KINDS)
            contract_amount = rng.randint(low // 100, high // 100) * 100
            budget = contract_amount + rng.randint(0, contract_amount // 10 // 100) * 100
            method = rng.choice(next(m for bound, m in PROJECT_METHODS if contract_amount < bound))
            decision = _rand_day(rng, date(YEAR, 1, 6), date(YEAR, 6, 30))
            contract = working_day_on_or_before(decision + timedelta(days=rng.randint(15, 40)))
            start = contract + timedelta(days=rng.randint(3, 15))
            planned_end = start + timedelta(days=rng.randint(30, 120))
            acceptance = planned_end + timedelta(days=rng.randint(0, 15))
            delta = 0
            if rng.random() < 0.3:
                delta = rng.randint(1, 5) * contract_amount // 100 // 100 * 100
                self.t.add("project_change", change_id=f"PC{code}{n:03d}", project_id=pid,
                           change_date=iso(start + timedelta(days=rng.randint(5, 25))), amount_delta=yuan(delta),
                           reason="工程量增加")
            settlement = contract_amount + delta
            self.t.add("project", project_id=pid, village_code=code, name=f"{self.v.name}{title}工程", category=category,
                       budget_amount=yuan(budget), funding_source=rng.choice(["财政补助", "村集体自筹", "上级专项资金"]),
                       decision_date=iso(decision), decision_ref=f"{self.v.name}村民代表会议决议〔{YEAR}〕{n}号",
                       procurement_method=method, contractor_org_id=contractor.org_id,
                       contractor_name=contractor.name, contract_amount=yuan(contract_amount),
                       contract_date=iso(contract), start_date=iso(start), planned_end_date=iso(planned_end),
                       acceptance_date=iso(acceptance), settlement_amount=yuan(settlement))
            advance = contract_amount * 3 // 10
            parts = [(contract + timedelta(days=rng.randint(1, 10)), advance),
                     (acceptance + timedelta(days=rng.randint(10, 40)), settlement - advance)]
            for k, (day, amount) in enumerate(parts, start=1):
                self.t.add("project_payment", payment_id=f"PP{code}{n:03d}{k}", project_id=pid, pay_date=iso(day),
                           amount=yuan(amount), payee_org_id=contractor.org_id, voucher_no=f"记-{day:%m}-{n:03d}{k}")
            self.contracts.append(("project", pid, contract))
            self.projects.append((pid, start, planned_end))

    # -- assets and leases -------------------------------------------------------------------
    def assets_and_leases(self) -> None:
        rng, code = self.rng, self.v.code
        n = 0
        lessees = [p for p in self.vp.workers + self.vp.employed if "payroll" not in p.tags]
        for asset_type, label, unit, rate, (low, high), count in LEASED_ASSETS:
            for _ in range(count):
                n += 1
                aid, lid = f"A{code}{n:03d}", f"L{code}{n:03d}"
                area = rng.randint(low, high)
                rent = round(area * rate * rng.uniform(0.93, 1.07))
                self.t.add("asset", asset_id=aid, village_code=code, name=f"{label}{n}号", asset_type=asset_type,
                           area=yuan(area), unit=unit, book_value=yuan(area * rate * 8), status="leased")
                start = _rand_day(rng, date(2019, 1, 1), date(YEAR, 10, 31))
                years = rng.randint(6, 10)
                end = _add_years(start, years) - timedelta(days=1)
                signed = working_day_on_or_before(start - timedelta(days=rng.randint(7, 30)))
                person = org = None
                if rng.random() < 0.6:
                    person = rng.choice(lessees)
                    name = person.name
                else:
                    org = rng.choice(self.lessee_orgs)
                    name = org.name
                self.t.add("lease", lease_id=lid, asset_id=aid, village_code=code,
                           lessee_person_id=person.person_id if person else "", lessee_org_id=org.org_id if org else "",
                           lessee_name=name, method="public_bidding" if rent >= 3000 else "negotiation",
                           annual_rent=yuan(rent), start_date=iso(start), end_date=iso(end), signed_date=iso(signed))
                for k in range(years):
                    period_start = _add_years(start, k)
                    if period_start > RECEIPTS_UNTIL:
                        break
                    self.t.add("rent_receipt", receipt_id=f"R{code}{n:03d}{k:02d}", lease_id=lid,
                               receipt_date=iso(period_start - timedelta(days=rng.randint(0, 20))),
                               period_start=iso(period_start),
                               period_end=iso(_add_years(start, k + 1) - timedelta(days=1)), amount=yuan(rent))
                if signed.year == YEAR:
                    self.contracts.append(("lease", lid, signed))
        for label, asset_type, unit in (("村委办公楼", "building", "平方米"), ("文化礼堂", "building", "平方米"),
                                        ("老年活动中心", "building", "平方米"), ("保洁车", "equipment", "辆"),
                                        ("抽水泵", "equipment", "台")):
            n += 1
            self.t.add("asset", asset_id=f"A{code}{n:03d}", village_code=code, name=label, asset_type=asset_type,
                       area=yuan(rng.randint(1, 3) if asset_type == "equipment" else rng.randint(200, 800)),
                       unit=unit, book_value=yuan(rng.randint(20, 900) * 1000), status="in_use")

    # -- labour ------------------------------------------------------------------------------
    def labour(self, payments_target: int = 500) -> None:
        rng, code = self.rng, self.v.code
        days = working_days(YEAR)[:-12]
        busy: dict[str, set[date]] = {p.person_id: set() for p in self.vp.workers}
        order = list(self.vp.workers)
        rng.shuffle(order)
        pos = 0
        paid = 0
        n = 0
        secretary = self.vp.secretary_on(date(YEAR, 6, 30))
        attendance, payments = self.t.rows["labour_attendance"], self.t.rows["labour_payment"]
        while paid < payments_target:
            n += 1
            tid = f"T{code}{n:04d}"
            title, category, base_rate = rng.choice(LABOUR_KINDS)
            dispatch = rng.choice(days)
            planned_days = rng.randint(1, 3)
            work_dates = [dispatch + timedelta(days=1 + d) for d in range(planned_days)]
            planned_workers = rng.randint(2, 5)
            crew = []
            for tried in range(len(order)):
                person = order[(pos + tried) % len(order)]
                taken = busy[person.person_id]
                if not any(d in taken for d in work_dates):
                    crew.append(person)
                    if len(crew) == planned_workers:
                        break
            pos += rng.randint(1, 7)
            project = next((pid for pid, s, e in self.projects if s <= dispatch <= e), "") if rng.random() < 0.2 else ""
            self.t.add("labour_task", task_id=tid, village_code=code, title=title, category=category,
                       dispatch_date=iso(dispatch), planned_days=str(planned_days),
                       planned_workers=str(planned_workers), approved_by=secretary.name, project_id=project)
            rate = base_rate + rng.choice([0, 10, 20])
            paid_date = work_dates[-1] + timedelta(days=rng.randint(3, 10))
            # the two largest tables are appended positionally, in their canonical column order
            dates_text = [iso(day) for day in work_dates]
            days_text, rate_text, amount_text = str(planned_days), yuan(rate), yuan(rate * planned_days)
            paid_text = iso(paid_date)
            for person in crew:
                busy[person.person_id].update(work_dates)
                attendance.extend([tid, person.person_id, day] for day in dates_text)
                paid += 1
                payments.append([f"LP{code}{paid:04d}", code, tid, person.person_id, person.name, days_text,
                                 rate_text, amount_text, paid_text])

    # -- procurement -------------------------------------------------------------------------
    def purchases(self, count: int = 200) -> None:
        rng, code = self.rng, self.v.code
        suppliers = rng.sample(self.suppliers, 8)
        days = working_days(YEAR)
        secretary = self.vp.secretary_on(date(YEAR, 6, 30))
        for n in range(1, count + 1):
            category, item, unit, price, (low, high) = rng.choice(PURCHASES)
            unit_price = round(price * rng.uniform(0.92, 1.08), 1)
            cents_price = int(round(unit_price * 100))
            quantity = rng.randint(low, high)
            amount = cents_price * quantity
            supplier = suppliers[(n * 5 + rng.randint(0, 7)) % 8]
            method = "direct" if amount < 100_000 else rng.choice(["quotation", "inquiry"])
            self.t.add("purchase", purchase_id=f"PU{code}{n:04d}", village_code=code, item=item, category=category,
                       quantity=str(quantity), unit=unit, unit_price=yuan((cents_price,)), amount=yuan((amount,)),
                       supplier_org_id=supplier.org_id, supplier_name=supplier.name, method=method,
                       purchase_date=iso(rng.choice(days)), approved_by=secretary.name,
                       invoice_no=f"{self.v.index:06d}{n:04d}")
            if rng.random() < 0.05:
                self.contracts.append(("purchase", f"PU{code}{n:04d}", None))

    # -- relief ------------------------------------------------------------------------------
    def relief(self) -> None:
        rng, code = self.rng, self.v.code
        n = 0
        for person, kind in self.vp.recipients:
            low, high = RELIEF_MONTHLY[kind]
            monthly = rng.randint(low // 10, high // 10) * 10
            if kind == "temporary":
                approved = date(YEAR, rng.randint(2, 8), 1)
                end = date(approved.year, approved.month + 3, 1) - timedelta(days=1)
            else:
                approved = date(rng.randint(2016, 2024), rng.randint(1, 12), 1)
                end = None
            self.t.add("relief_recipient", person_id=person.person_id, village_code=code,
                       household_id=person.household_id, relief_type=kind, approved_date=iso(approved),
                       end_date=iso(end), monthly_amount=yuan(monthly))
            for month in range(1, 13):
                first = date(YEAR, month, 1)
                if first < approved.replace(day=1) or (end is not None and first > end):
                    continue
                n += 1
                self.t.add("relief_payment", payment_id=f"RP{code}{n:04d}", person_id=person.person_id,
                           village_code=code, relief_type=kind, period=f"{YEAR}-{month:02d}", amount=yuan(monthly),
                           paid_date=iso(date(YEAR, month, 10)))

    # -- seals -------------------------------------------------------------------------------
    def seals(self, count: int = 300) -> None:
        rng, code = self.rng, self.v.code
        custodian = next(c.person for c in self.vp.cadres if c.position == "村委会委员")
        seals = []
        for n, label in enumerate(("村民委员会", "股份经济合作社", "财务专用章"), start=1):
            sid = f"S{code}{n}"
            self.t.add("seal", seal_id=sid, village_code=code,
                       name=f"{self.v.name}{label}" + ("" if label.endswith("章") else "章"),
                       custodian_person_id=custodian.person_id)
            seals.append(sid)
        days = working_days(YEAR)
        villagers = self.vp.workers + self.vp.employed
        uses = []
        for related_type, related_id, signed in self.contracts:
            day = signed if signed is not None and signed.year == YEAR else rng.choice(days)
            uses.append((day, "contract", "签订合同", related_type, related_id))
        while len(uses) < count:
            kind, matter = rng.choice(SEAL_MATTERS)
            uses.append((rng.choice(days), kind, matter, "", ""))
        for n, (day, kind, matter, related_type, related_id) in enumerate(uses, start=1):
            minute = rng.choice([rng.randint(9 * 60, 11 * 60 + 30), rng.randint(14 * 60, 16 * 60 + 30)])
            used_at = datetime.combine(day, time(minute // 60, minute % 60))
            approved_at = used_at - timedelta(minutes=rng.randint(10, 60))
            approver = self.vp.secretary_on(day)
            self.t.add("seal_usage", usage_id=f"SU{code}{n:04d}", seal_id=seals[0 if kind != "voucher" else 2],
                       village_code=code, used_at=iso(used_at), document_type=kind, matter=matter,
                       related_type=related_type, related_id=related_id,
                       applicant_name=rng.choice(villagers).name, approver_person_id=approver.person_id,
                       approved_at=iso(approved_at))
