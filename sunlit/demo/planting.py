"""Planted anomalies with their ground truth. For each model code in the catalogue that has a
planter here, ``per_code`` cases that must raise an alert (expected "alert") and as many near-misses
that must not (expected "none"), each in a different village where the region allows it. The
planters edit the generated rows in place (one fact changed, everything else left consistent) and
return the ground-truth records: model code, subject type, subject id, village code."""

import random
from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, timedelta

from sunlit.engine import load_catalogue

from .synthetic.ledger import working_days
from .synthetic.people import Person
from .synthetic.population import VillagePeople, org_id_make
from .synthetic.tables import iso, yuan

PLANTERS: dict[str, Callable] = {}


def planter(code: str):
    def register(fn):
        PLANTERS[code] = fn
        return fn
    return register


def _money(text: str) -> int:
    """Cents of a two-place yuan string."""
    whole, _, cents = text.partition(".")
    return int(whole) * 100 + int((cents + "00")[:2])


def _day(text: str) -> date:
    return date.fromisoformat(text[:10])


class Garden:
    """The generated world with the indexes and helpers the planters need."""

    def __init__(self, world):
        self.world, self.t = world, world.tables
        self.rng = random.Random(f"{world.seed}:plant")
        self.truth: list[dict] = []
        self.used: set[str] = set()
        self.villages: list[VillagePeople] = list(world.people.values())
        self._turn = 0
        self._att: dict[tuple[str, str], list[list[str]]] | None = None
        self.serial = 0
        self._by_village: dict[str, dict[str, list[list[str]]]] = {}

    # -- bookkeeping -----------------------------------------------------------------------------
    def village(self) -> VillagePeople:
        vp = self.villages[self._turn % len(self.villages)]
        self._turn += 1
        return vp

    def record(self, code: str, subject_type: str, subject_id: str, village: str, expected: str, note: str) -> None:
        self.truth.append({"model_code": code, "subject_type": subject_type, "subject_id": subject_id,
                           "village_code": village, "expected": expected, "note": note})
        self.used.add(subject_id)

    def next_id(self) -> int:
        self.serial += 1
        return 900 + self.serial

    # -- rows -----------------------------------------------------------------------------------
    def g(self, table: str, row: list[str], col: str) -> str:
        return self.t.get(table, row, col)

    def s(self, table: str, row: list[str], col: str, value: str) -> None:
        self.t.set(table, row, col, value)

    def rows(self, table: str, village: str) -> list[list[str]]:
        """The table's generated rows of ``village`` not yet used by a planter."""
        if table not in self._by_village:
            i = self.t.column(table, "village_code")
            index = defaultdict(list)
            for r in self.t.rows[table]:
                if r[i] in self.world.people:
                    index[r[i]].append(r)
            self._by_village[table] = index
        return [r for r in self._by_village[table][village] if r[0] not in self.used]

    def find(self, table: str, village: str) -> list[list[str]]:
        return self.t.find(table, "village_code", village)

    def pick(self, table: str, village: str, test=lambda r: True) -> list[str]:
        candidates = [r for r in self.rows(table, village) if test(r)]
        row = self.rng.choice(candidates)
        self.used.add(row[0])
        return row

    @property
    def attendance(self) -> dict[tuple[str, str], list[list[str]]]:
        if self._att is None:
            self._att = defaultdict(list)
            ti, pi = self.t.column("labour_attendance", "task_id"), self.t.column("labour_attendance", "person_id")
            kept = self.world.people
            for r in self.t.rows["labour_attendance"]:
                if r[ti][1:13] in kept:  # task ids are T + village code + number
                    self._att[(r[ti], r[pi])].append(r)
        return self._att

    def work_dates(self, payment: list[str]) -> list[date]:
        key = (self.g("labour_payment", payment, "task_id"), self.g("labour_payment", payment, "person_id"))
        return sorted(_day(self.g("labour_attendance", r, "work_date")) for r in self.attendance[key])

    def busy(self, person_id: str) -> set[date]:
        pi = self.t.column("labour_attendance", "person_id")
        wi = self.t.column("labour_attendance", "work_date")
        return {_day(r[wi]) for r in self.t.rows["labour_attendance"] if r[pi] == person_id}

    def swap_worker(self, payment: list[str], person: Person) -> None:
        """Pay ``person`` instead of the worker: the payment and its attendance change together."""
        task, old = self.g("labour_payment", payment, "task_id"), self.g("labour_payment", payment, "person_id")
        rows = self.attendance.pop((task, old), [])
        for r in rows:
            self.s("labour_attendance", r, "person_id", person.person_id)
        self.attendance[(task, person.person_id)].extend(rows)
        self.s("labour_payment", payment, "person_id", person.person_id)
        self.s("labour_payment", payment, "name", person.name)

    def set_days(self, payment: list[str], days: int) -> None:
        rate = _money(self.g("labour_payment", payment, "daily_rate"))
        self.s("labour_payment", payment, "days", str(days))
        self.s("labour_payment", payment, "amount", yuan((rate * days,)))

    def set_rate(self, payment: list[str], rate: int) -> None:
        days = int(self.g("labour_payment", payment, "days"))
        self.s("labour_payment", payment, "daily_rate", yuan(rate))
        self.s("labour_payment", payment, "amount", yuan(rate * days))

    def person_add(self, vp: VillagePeople, born: date, gender: str = "M") -> Person:
        """A new member of a labourer's household (for near-misses that need an exact age)."""
        maker = self.world.maker
        pid = maker.ids.make(vp.village.county_code, born, gender)
        head = vp.workers[0]
        person = Person(pid, maker.names.full(self.rng, gender), born, gender, head.household_id, "其他",
                        vp.village.code, "planted")
        self.t.add("household", household_id=person.household_id, person_id=pid, name=person.name,
                   birth_date=iso(born), gender=gender, relation_to_head="其他", region_code=vp.village.code)
        return person

    def enterprise_add(self, vp: VillagePeople, *, established: date, legal_rep: Person, status: str = "active",
                       closed: date | None = None, shareholder: Person | None = None) -> tuple[str, str]:
        n = self.next_id()
        org_id = org_id_make(vp.village.code[:6], 7_000_000_000 + n * 7919)
        name = f"{vp.village.name[:2]}新创{n}商贸有限公司"
        self.t.add("enterprise", org_id=org_id, name=name, status=status, established_date=iso(established),
                   closed_date=iso(closed), legal_rep_person_id=legal_rep.person_id, region_code=vp.village.code)
        self.t.add("enterprise_person", org_id=org_id, person_id=legal_rep.person_id, role="legal_rep")
        if shareholder is not None:
            self.t.add("enterprise_person", org_id=org_id, person_id=shareholder.person_id, role="shareholder",
                       share_ratio="0.40")
        return org_id, name

    def term1_cadres(self, vp: VillagePeople):
        return [c for c in vp.cadres if c.term_start.year == 2021]

    def relatives_in_office(self, vp: VillagePeople) -> list[Person]:
        """Declared relatives (spouse, child, sibling) of the cadres in office in 2025."""
        ids = {c.person.person_id for c in self.term1_cadres(vp)}
        ki = self.t.column("kinship", "person_id")
        ri = self.t.column("kinship", "relative_person_id")
        declared = {r[ri] for r in self.t.rows["kinship"] if r[ki] in ids}
        return [p for p in vp.relatives if p.person_id in declared]

    def recipient(self, vp: VillagePeople, kinds=("minimum_living", "extreme_poverty")) -> Person:
        choices = [p for p, k in vp.recipients if k in kinds and p.person_id not in self.used]
        person = self.rng.choice(choices)
        self.used.add(person.person_id)
        return person

    def kind_of(self, vp: VillagePeople, person: Person) -> str:
        return next(k for p, k in vp.recipients if p is person)


# -- labour ------------------------------------------------------------------------------------
def _payment(gd: Garden, vp: VillagePeople, min_days: int = 1) -> list[str]:
    return gd.pick("labour_payment", vp.village.code,
                   lambda r: int(gd.g("labour_payment", r, "days")) >= min_days and gd.g("labour_payment", r, "task_id"))


@planter("LAB-01")
def _lab01(gd: Garden, code: str, vp: VillagePeople, near: bool):
    pay = _payment(gd, vp)
    if near:  # a cadre elected in 2026 paid in 2025, before the term
        person = next(c.person for c in vp.cadres if c.term_start.year == 2026
                      and c.person.person_id not in {x.person.person_id for x in gd.term1_cadres(vp)})
    else:
        person = gd.term1_cadres(vp)[2].person
    gd.swap_worker(pay, person)
    return [("labour_payment", pay[0], "cadre in office paid" if not near else "cadre paid before the term")]


def _task_add(gd: Garden, vp: VillagePeople, person: Person, dates: list[date], rate: int, paid: date) -> str:
    n = gd.next_id()
    tid, pid = f"T{vp.village.code}{n:04d}", f"LP{vp.village.code}{n:04d}"
    gd.t.add("labour_task", task_id=tid, village_code=vp.village.code, title="临时清理", category="cleaning",
             dispatch_date=iso(dates[0] - timedelta(days=1)), planned_days=str(len(dates)), planned_workers="1",
             approved_by=vp.secretary_on(dates[0]).name)
    for d in dates:
        row = gd.t.add("labour_attendance", task_id=tid, person_id=person.person_id, work_date=iso(d))
        gd.attendance[(tid, person.person_id)].append(row)
    gd.t.add("labour_payment", payment_id=pid, village_code=vp.village.code, task_id=tid, person_id=person.person_id,
             name=person.name, days=str(len(dates)), daily_rate=yuan(rate), amount=yuan(rate * len(dates)),
             paid_date=iso(paid))
    gd.used.add(pid)
    return pid


def _worker_of(gd: Garden, vp: VillagePeople, pay: list[str]) -> Person:
    pid = gd.g("labour_payment", pay, "person_id")
    return next(p for p in vp.workers if p.person_id == pid)


@planter("LAB-02")
def _lab02(gd: Garden, code: str, vp: VillagePeople, near: bool):
    pay = _payment(gd, vp)
    person = _worker_of(gd, vp, pay)
    dates = gd.work_dates(pay)
    paid = _day(gd.g("labour_payment", pay, "paid_date")) + timedelta(days=2)
    if near:  # the next free day, no clash
        taken = gd.busy(person.person_id)
        day = dates[-1] + timedelta(days=1)
        while day in taken:
            day += timedelta(days=1)
        return [("labour_payment", _task_add(gd, vp, person, [day], 170, paid + timedelta(days=5)), "adjacent day")]
    return [("labour_payment", _task_add(gd, vp, person, dates[:1], 170, paid), "same day on two tasks")]


@planter("LAB-03")
def _lab03(gd: Garden, code: str, vp: VillagePeople, near: bool):
    if not near:
        pay = _payment(gd, vp)
        gd.set_days(pay, int(gd.g("labour_payment", pay, "days")) + 2)
        return [("labour_payment", pay[0], "two days more than attended")]
    pay = _payment(gd, vp, min_days=2)  # paid in two parts that add up to the attendance
    days = int(gd.g("labour_payment", pay, "days"))
    gd.set_days(pay, days - 1)
    second = list(pay)
    second[0] = f"LP{vp.village.code}{gd.next_id():04d}"
    gd.t.rows["labour_payment"].append(second)
    gd.set_days(second, 1)
    gd.s("labour_payment", second, "paid_date", iso(_day(gd.g("labour_payment", pay, "paid_date")) + timedelta(days=1)))
    gd.used.add(second[0])
    return [("labour_payment", second[0], "paid in two parts adding up to the attendance")]


@planter("LAB-04")
def _lab04(gd: Garden, code: str, vp: VillagePeople, near: bool):
    candidates = [p for p in vp.workers if p.person_id not in gd.used]
    person = gd.rng.choice(candidates)
    gd.used.add(person.person_id)
    pi = gd.t.column("labour_payment", "person_id")
    pays = [r for r in gd.t.rows["labour_payment"] if r[pi] == person.person_id]
    last = max(pays, key=lambda r: gd.work_dates(r)[-1])
    dates = gd.work_dates(last)
    death = dates[-1] if near else dates[0] - timedelta(days=1)
    gd.t.add("death", person_id=person.person_id, death_date=iso(death))
    gd.used.add(last[0])
    return [("labour_payment", last[0], "died on the last work day" if near else "worked after death")]


@planter("LAB-05")
def _lab05(gd: Garden, code: str, vp: VillagePeople, near: bool):
    pay = _payment(gd, vp)
    paid = _day(gd.g("labour_payment", pay, "paid_date"))
    if near:  # 75 on the day paid: at, not above, the limit
        person = gd.person_add(vp, paid.replace(year=paid.year - 75) if (paid.month, paid.day) != (2, 29) else date(1950, 3, 1))
    else:
        person = gd.person_add(vp, paid.replace(year=paid.year - 80, day=min(paid.day, 28)))
    gd.swap_worker(pay, person)
    return [("labour_payment", pay[0], "worker aged 75" if near else "worker aged 80")]


@planter("LAB-06")
def _lab06(gd: Garden, code: str, vp: VillagePeople, near: bool):
    pay = _payment(gd, vp)
    person_id = gd.g("labour_payment", pay, "person_id")
    month = gd.work_dates(pay)[0].strftime("%Y-%m")
    employer = gd.world.enterprises[vp.village.township_code][0].org_id
    gd.t.add("social_insurance", person_id=person_id, employer_org_id=employer, period=month,
             wage_base=yuan(2000 if near else 5000))
    out = []
    pi = gd.t.column("labour_payment", "person_id")
    for r in gd.t.rows["labour_payment"]:
        if r[pi] == person_id and any(d.strftime("%Y-%m") == month for d in gd.work_dates(r)):
            gd.used.add(r[0])
            out.append(("labour_payment", r[0], "insured part-time (base 2000)" if near else "insured full-time"))
    return out


@planter("LAB-07")
def _lab07(gd: Garden, code: str, vp: VillagePeople, near: bool):
    pay = _payment(gd, vp)
    gd.set_rate(pay, 340 if near else 520)
    return [("labour_payment", pay[0], "rate 340, under twice the median" if near else "rate 520")]


@planter("LAB-08")
def _lab08(gd: Garden, code: str, vp: VillagePeople, near: bool):
    relatives = gd.relatives_in_office(vp)
    busy = {p.person_id: set() for p in relatives}
    pays = [r for r in gd.rows("labour_payment", vp.village.code) if gd.g("labour_payment", r, "task_id")]
    gd.rng.shuffle(pays)
    total = sum(_money(gd.g("labour_payment", r, "amount")) for r in pays)
    target = total * (0.18 if near else 0.45)
    moved = 0
    for pay in pays:
        if moved >= target:
            break
        dates = set(gd.work_dates(pay))
        for person in relatives:
            if not busy[person.person_id] & dates:
                busy[person.person_id] |= dates
                gd.swap_worker(pay, person)
                gd.used.add(pay[0])
                moved += _money(gd.g("labour_payment", pay, "amount"))
                break
    return [("village", vp.village.code, "relatives take 18 %" if near else "relatives take 45 %")]


@planter("LAB-09")
def _lab09(gd: Garden, code: str, vp: VillagePeople, near: bool):
    if near:  # a one-day task dispatched, worked and paid the same day: dispatched, not after the payment
        pay = _payment(gd, vp)
        person = _worker_of(gd, vp, pay)
        taken = gd.busy(person.person_id)
        day = gd.work_dates(pay)[-1] + timedelta(days=1)
        while day in taken or day.weekday() >= 5:
            day += timedelta(days=1)
        pid = _task_add(gd, vp, person, [day], 170, day)
        gd.s("labour_task", gd.t.rows["labour_task"][-1], "dispatch_date", iso(day))
        return [("labour_payment", pid, "dispatched and paid the same day")]
    pay = _payment(gd, vp)
    gd.s("labour_payment", pay, "task_id", "")
    return [("labour_payment", pay[0], "paid with no dispatch")]


# -- relief ------------------------------------------------------------------------------------
def _subject(person: Person, kind: str) -> str:
    return f"{person.person_id}/{kind}"


@planter("REL-01")
def _rel01(gd: Garden, code: str, vp: VillagePeople, near: bool):
    person = gd.recipient(vp)
    ents = gd.world.enterprises[vp.village.township_code]
    ent = next(e for e in ents if (e.status != "active") == near)
    gd.t.add("enterprise_person", org_id=ent.org_id, person_id=person.person_id, role="shareholder", share_ratio="0.10")
    return [("relief_recipient", _subject(person, gd.kind_of(vp, person)),
             "shareholder of a closed company" if near else "shareholder of an active company")]


@planter("REL-02")
def _rel02(gd: Garden, code: str, vp: VillagePeople, near: bool):
    person = gd.recipient(vp, ("minimum_living",))
    death = date(2025, 12, 5) if near else date(2025, 8, 15)
    gd.t.add("death", person_id=person.person_id, death_date=iso(death))
    pi, per = gd.t.column("relief_payment", "person_id"), gd.t.column("relief_payment", "period")
    out = []
    for r in gd.t.rows["relief_payment"]:
        if r[pi] == person.person_id:
            if near and r[per] == "2025-12":
                out.append(("relief_payment", r[0], "paid for the month of death"))
            elif not near and r[per] > "2025-08":
                out.append(("relief_payment", r[0], "paid after death"))
    return out


@planter("REL-03")
def _rel03(gd: Garden, code: str, vp: VillagePeople, near: bool):
    person = gd.recipient(vp)
    n = gd.next_id()
    gd.t.add("vehicle", plate=f"浙AZ{n:04d}", person_id=person.person_id,
             vehicle_type="二轮摩托车" if near else "小型轿车", registered_date="2023-05-10")
    return [("relief_recipient", _subject(person, gd.kind_of(vp, person)), "motorcycle" if near else "car")]


@planter("REL-04")
def _rel04(gd: Garden, code: str, vp: VillagePeople, near: bool):
    person = gd.recipient(vp)
    pi = gd.t.column("property", "person_id")
    for r in [r for r in gd.t.rows["property"] if r[pi] == person.person_id]:
        gd.t.rows["property"].remove(r)
    gd.t.add("property", property_id=f"{person.household_id}-P{gd.next_id()}", person_id=person.person_id,
             property_type="residential" if near else "commercial", area="60.00", registered_date="2015-03-01")
    return [("relief_recipient", _subject(person, gd.kind_of(vp, person)), "one home" if near else "a shop")]


@planter("REL-05")
def _rel05(gd: Garden, code: str, vp: VillagePeople, near: bool):
    person = gd.recipient(vp)
    gd.t.add("public_payroll", person_id=person.person_id, employer="镇卫生院",
             start_date="2010-01-01", end_date="2024-12-31" if near else "")
    return [("relief_recipient", _subject(person, gd.kind_of(vp, person)),
             "payroll ended before the paid months" if near else "on the public payroll")]


@planter("REL-06")
def _rel06(gd: Garden, code: str, vp: VillagePeople, near: bool):
    person = gd.recipient(vp)
    cadre = gd.term1_cadres(vp)[0].person
    gd.t.add("kinship", person_id=cadre.person_id, relative_person_id=person.person_id, relation="兄弟姐妹")
    ri = gd.t.column("relief_recipient", "person_id")
    row = next(r for r in gd.t.rows["relief_recipient"] if r[ri] == person.person_id)
    approved = "2019-03-01" if near else "2022-03-01"  # before / during the cadre's 2021-2025 term
    gd.s("relief_recipient", row, "approved_date", approved)
    return [("relief_recipient", f"{person.person_id}/{gd.kind_of(vp, person)}/{approved}",
             "cadre's sibling approved before the term" if near else "cadre's sibling approved during the term")]


@planter("REL-07")
def _rel07(gd: Garden, code: str, vp: VillagePeople, near: bool):
    pay = gd.pick("relief_payment", vp.village.code)
    twin = list(pay)
    twin[0] = f"RP{vp.village.code}{gd.next_id():04d}"
    amount = _money(gd.g("relief_payment", pay, "amount"))
    gd.t.rows["relief_payment"].append(twin)
    gd.s("relief_payment", twin, "amount", yuan((amount // 5,) if near else (amount,)))
    gd.s("relief_payment", twin, "paid_date", iso(_day(gd.g("relief_payment", pay, "paid_date")) + timedelta(days=3)))
    gd.used.add(twin[0])
    return [("relief_payment", twin[0], "a 20 % top-up" if near else "paid twice")]


@planter("REL-08")
def _rel08(gd: Garden, code: str, vp: VillagePeople, near: bool):
    person = gd.recipient(vp)
    employer = gd.world.enterprises[vp.village.township_code][1].org_id
    for month in (3, 4, 5):
        gd.t.add("social_insurance", person_id=person.person_id, employer_org_id=employer, period=f"2025-{month:02d}",
                 wage_base=yuan(2500 if near else 4200))
    return [("relief_recipient", _subject(person, gd.kind_of(vp, person)), "base 2500" if near else "base 4200")]


# -- projects ----------------------------------------------------------------------------------
def _project(gd: Garden, vp: VillagePeople, low: int, high: int) -> list[str]:
    return gd.pick("project", vp.village.code,
                   lambda r: low * 100 <= _money(gd.g("project", r, "contract_amount")) < high * 100)


def _payments_of(gd: Garden, project_id: str) -> list[list[str]]:
    i = gd.t.column("project_payment", "project_id")
    return sorted((r for r in gd.t.rows["project_payment"] if r[i] == project_id), key=lambda r: r[0])


def _changes_of(gd: Garden, project_id: str) -> int:
    i = gd.t.column("project_change", "project_id")
    return sum(_money(gd.g("project_change", r, "amount_delta")) for r in gd.t.rows["project_change"] if r[i] == project_id)


@planter("PRJ-01")
def _prj01(gd: Garden, code: str, vp: VillagePeople, near: bool):
    row = _project(gd, vp, 100_000, 390_000) if near else _project(gd, vp, 400_000, 10 ** 9)
    gd.s("project", row, "procurement_method", "direct_award")
    return [("project", row[0], "direct award under the threshold" if near else "direct award above the threshold")]


@planter("PRJ-02")
def _prj02(gd: Garden, code: str, vp: VillagePeople, near: bool):
    a = _project(gd, vp, 100_000, 400_000)
    b = _project(gd, vp, 100_000, 400_000)
    for r in (a, b):
        gd.s("project", r, "procurement_method", "competitive_negotiation")
    first, second = sorted((a, b), key=lambda r: (gd.g("project", r, "contract_date"), r[0]))
    contract = _day(gd.g("project", first, "contract_date"))
    # the second contract follows within a month, same contractor, the two together at or above 400,000
    day = contract + timedelta(days=20)
    gd.s("project", second, "contract_date", iso(day))
    gd.s("project", second, "decision_date", iso(day - timedelta(days=10)))
    for col in ("contractor_org_id", "contractor_name"):
        gd.s("project", second, col, gd.g("project", first, col))
    for p in _payments_of(gd, second[0]):
        gd.s("project_payment", p, "payee_org_id", gd.g("project", first, "contractor_org_id"))
        if _day(gd.g("project_payment", p, "pay_date")) < day:
            gd.s("project_payment", p, "pay_date", iso(day + timedelta(days=3)))
    total = _money(gd.g("project", first, "contract_amount")) + _money(gd.g("project", second, "contract_amount"))
    want = 38_000_000 if near else 42_000_000
    _contract_set(gd, second, _money(gd.g("project", second, "contract_amount")) + want - total)
    return [("project", second[0], "two contracts, 380,000 together" if near else "two contracts, 420,000 together")]


def _contract_set(gd: Garden, row: list[str], cents: int) -> None:
    """Change a contract amount and keep the budget, settlement and payments consistent."""
    cents = max(cents, 1_000_000)
    ci = gd.t.column("project_change", "project_id")
    gd.t.rows["project_change"] = [r for r in gd.t.rows["project_change"] if r[ci] != row[0]]
    gd.s("project", row, "contract_amount", yuan((cents,)))
    gd.s("project", row, "budget_amount", yuan((cents,)))
    settlement = cents + _changes_of(gd, row[0])
    gd.s("project", row, "settlement_amount", yuan((settlement,)))
    advance, final = _payments_of(gd, row[0])
    gd.s("project_payment", advance, "amount", yuan((cents * 3 // 10,)))
    gd.s("project_payment", final, "amount", yuan((settlement - cents * 3 // 10,)))


def _undeclared_in_law(gd: Garden, vp: VillagePeople) -> Person:
    """A cadre's sibling's spouse: neither a declared relative nor in a cadre's household."""
    declared = {p.person_id for p in gd.relatives_in_office(vp)}
    cadre_households = {c.person.household_id for c in vp.cadres}
    return next(p for p in vp.relatives if p.person_id not in declared and p.person_id not in gd.used
                and p.relation == "配偶" and p.household_id not in cadre_households)


@planter("PRJ-03")
def _prj03(gd: Garden, code: str, vp: VillagePeople, near: bool):
    row = _project(gd, vp, 20_000, 400_000)
    person = _undeclared_in_law(gd, vp) if near else gd.relatives_in_office(vp)[0]
    gd.used.add(person.person_id)
    org_id, name = gd.enterprise_add(vp, established=date(2015, 6, 1), legal_rep=person)
    gd.s("project", row, "contractor_org_id", org_id)
    gd.s("project", row, "contractor_name", name)
    for p in _payments_of(gd, row[0]):
        gd.s("project_payment", p, "payee_org_id", org_id)
    return [("project", row[0], "contractor run by a cadre's sibling's spouse" if near
             else "contractor run by a cadre's relative")]


@planter("PRJ-04")
def _prj04(gd: Garden, code: str, vp: VillagePeople, near: bool):
    row = _project(gd, vp, 100_000, 400_000)
    contract = _money(gd.g("project", row, "contract_amount"))
    delta = contract * (9 if near else 15) // 100 - _changes_of(gd, row[0])
    start = _day(gd.g("project", row, "start_date"))
    gd.t.add("project_change", change_id=f"PC{vp.village.code}{gd.next_id()}", project_id=row[0],
             change_date=iso(start + timedelta(days=10)), amount_delta=yuan((delta,)), reason="设计变更")
    settlement = contract + _changes_of(gd, row[0])
    gd.s("project", row, "settlement_amount", yuan((settlement,)))
    final = _payments_of(gd, row[0])[-1]
    gd.s("project_payment", final, "amount", yuan((settlement - contract * 3 // 10,)))
    return [("project", row[0], "changes 9 %" if near else "changes 15 %")]


@planter("PRJ-05")
def _prj05(gd: Garden, code: str, vp: VillagePeople, near: bool):
    row = _project(gd, vp, 20_000, 400_000)
    final = _payments_of(gd, row[0])[-1]
    extra = 500_000  # 5,000 yuan
    day = _day(gd.g("project_payment", final, "pay_date")) + timedelta(days=30)
    if near:  # the last payment split in two: the total is still the settlement
        gd.s("project_payment", final, "amount", yuan((_money(gd.g("project_payment", final, "amount")) - extra,)))
    gd.t.add("project_payment", payment_id=f"PP{vp.village.code}{gd.next_id()}", project_id=row[0], pay_date=iso(day),
             amount=yuan((extra,)), payee_org_id=gd.g("project", row, "contractor_org_id"), voucher_no="记-补")
    return [("project", row[0], "last payment in two parts" if near else "5,000 paid above the settlement")]


@planter("PRJ-06")
def _prj06(gd: Garden, code: str, vp: VillagePeople, near: bool):
    row = _project(gd, vp, 20_000, 400_000)
    acceptance = _day(gd.g("project", row, "acceptance_date"))
    advance, final = _payments_of(gd, row[0])
    if not near:
        gd.s("project_payment", final, "pay_date", iso(acceptance - timedelta(days=10)))
    else:  # 30 % advance + 45 % progress payment = 75 % before acceptance
        contract = _money(gd.g("project", row, "contract_amount"))
        progress = contract * 45 // 100
        gd.s("project_payment", final, "amount", yuan((_money(gd.g("project_payment", final, "amount")) - progress,)))
        gd.t.add("project_payment", payment_id=f"PP{vp.village.code}{gd.next_id()}", project_id=row[0],
                 pay_date=iso(acceptance - timedelta(days=10)), amount=yuan((progress,)),
                 payee_org_id=gd.g("project", row, "contractor_org_id"), voucher_no="记-进度")
    return [("project", row[0], "75 % before acceptance" if near else "all paid before acceptance")]


@planter("PRJ-07")
def _prj07(gd: Garden, code: str, vp: VillagePeople, near: bool):
    row = _project(gd, vp, 20_000, 95_000) if near else _project(gd, vp, 100_000, 10 ** 9)
    gd.s("project", row, "decision_date", "")
    gd.s("project", row, "decision_ref", "")
    return [("project", row[0], "no resolution, under 100,000" if near else "no resolution above 100,000")]


@planter("PRJ-08")
def _prj08(gd: Garden, code: str, vp: VillagePeople, near: bool):
    every = gd.find("project", vp.village.code)
    rows = [r for r in every if _money(gd.g("project", r, "contract_amount")) < 40_000_000]
    direct = [r for r in every if gd.g("project", r, "procurement_method") == "direct_award"]
    total = len(every)
    want = (total // 2) if near else (total * 7 // 10)
    for r in [r for r in rows if r not in direct][: max(0, want - len(direct))]:
        gd.s("project", r, "procurement_method", "direct_award")
    for r in every:
        gd.used.add(r[0])
    return [("village", vp.village.code, "half awarded directly" if near else "70 % awarded directly")]


@planter("PRJ-09")
def _prj09(gd: Garden, code: str, vp: VillagePeople, near: bool):
    row = _project(gd, vp, 20_000, 400_000)
    contract = _day(gd.g("project", row, "contract_date"))
    owner = gd.person_add(vp, date(1980, 5, 5))
    org_id, name = gd.enterprise_add(vp, established=contract - timedelta(days=40 if near else 10), legal_rep=owner)
    gd.s("project", row, "contractor_org_id", org_id)
    gd.s("project", row, "contractor_name", name)
    for p in _payments_of(gd, row[0]):
        gd.s("project_payment", p, "payee_org_id", org_id)
    return [("project", row[0], "contractor 40 days old" if near else "contractor 10 days old")]


# -- procurement -------------------------------------------------------------------------------
def _purchase_set(gd: Garden, row: list[str], unit_price_cents: int) -> None:
    q = int(gd.g("purchase", row, "quantity"))
    gd.s("purchase", row, "unit_price", yuan((unit_price_cents,)))
    gd.s("purchase", row, "amount", yuan((unit_price_cents * q,)))


@planter("PUR-01")
def _pur01(gd: Garden, code: str, vp: VillagePeople, near: bool):
    rows = [gd.pick("purchase", vp.village.code, lambda r: gd.g("purchase", r, "category") == "建材") for _ in range(3)]
    supplier = (gd.g("purchase", rows[0], "supplier_org_id"), gd.g("purchase", rows[0], "supplier_name"))
    start = date(2025, 11, 3)
    each = 12_000 if near else 18_000
    for k, r in enumerate(rows):
        gd.s("purchase", r, "supplier_org_id", supplier[0])
        gd.s("purchase", r, "supplier_name", supplier[1])
        gd.s("purchase", r, "purchase_date", iso(start + timedelta(days=5 * k)))
        gd.s("purchase", r, "quantity", "40")
        gd.s("purchase", r, "method", "quotation")
        _purchase_set(gd, r, each * 100 // 40)
    # no other purchase from that supplier in the weeks around
    si, di = gd.t.column("purchase", "supplier_org_id"), gd.t.column("purchase", "purchase_date")
    for r in gd.rows("purchase", vp.village.code):
        if r[si] == supplier[0] and r not in rows and date(2025, 9, 20) <= _day(r[di]) <= date(2025, 12, 31):
            gd.s("purchase", r, "purchase_date", iso(date(2025, 3, 3) + timedelta(days=gd.rng.randrange(60))))
    return [("purchase", rows[2][0], "three parts, 36,000" if near else "three parts, 54,000")]


@planter("PUR-02")
def _pur02(gd: Garden, code: str, vp: VillagePeople, near: bool):
    row = gd.pick("purchase", vp.village.code)
    if near:  # the spouse of a cadre elected in 2026, for a purchase of 2025: before the cadre's term
        newcomers = {c.person.person_id for c in vp.cadres if c.term_start.year == 2026} - {
            c.person.person_id for c in gd.term1_cadres(vp)}
        ki, ri = gd.t.column("kinship", "person_id"), gd.t.column("kinship", "relative_person_id")
        li = gd.t.column("kinship", "relation")
        spouses = {r[ri] for r in gd.t.rows["kinship"] if r[ki] in newcomers and r[li] == "配偶"}
        relative = next(p for p in vp.relatives if p.person_id in spouses and p.person_id not in gd.used)
    else:
        relative = gd.relatives_in_office(vp)[1]
    gd.used.add(relative.person_id)
    org_id, name = gd.enterprise_add(vp, established=date(2016, 3, 1), legal_rep=relative)
    gd.s("purchase", row, "supplier_org_id", org_id)
    gd.s("purchase", row, "supplier_name", name)
    return [("purchase", row[0], "supplier run by the spouse of a cadre elected later" if near
             else "supplier run by a cadre's relative")]


@planter("PUR-03")
def _pur03(gd: Garden, code: str, vp: VillagePeople, near: bool):
    first, second = sorted((gd.pick("purchase", vp.village.code), gd.pick("purchase", vp.village.code)),
                           key=lambda r: (gd.g("purchase", r, "purchase_date"), r[0]))
    number = gd.g("purchase", first, "invoice_no")
    if near:  # one digit apart from the first purchase's invoice (the generator numbers 0001-0200)
        gd.s("purchase", second, "invoice_no", f"{number[:-4]}5{number[-3:]}")
        return [("purchase", second[0], "invoice number one digit apart")]
    gd.s("purchase", second, "invoice_no", number)
    return [("purchase", second[0], "invoice claimed twice")]


@planter("PUR-04")
def _pur04(gd: Garden, code: str, vp: VillagePeople, near: bool):
    row = gd.pick("purchase", vp.village.code, lambda r: gd.g("purchase", r, "category") == "饮用水")
    _purchase_set(gd, row, _money(gd.g("purchase", row, "unit_price")) * (17 if near else 30) // 10)
    return [("purchase", row[0], "1.7 times the price" if near else "3 times the price")]


@planter("PUR-05")
def _pur05(gd: Garden, code: str, vp: VillagePeople, near: bool):
    """One large purchase by inquiry from the village's biggest supplier (above the split threshold,
    so no split), bringing its share to three quarters (near-miss: a half)."""
    rows = gd.find("purchase", vp.village.code)
    si, ni, ai = (gd.t.column("purchase", c) for c in ("supplier_org_id", "supplier_name", "amount"))
    spend = defaultdict(int)
    for r in rows:
        spend[r[si]] += _money(r[ai])
    top = max(spend, key=spend.get)
    total, share = sum(spend.values()), 0.5 if near else 0.75
    extra = int((share * total - spend[top]) / (1 - share))
    quantity = extra // 45_000 + 1
    n = gd.next_id()
    gd.t.add("purchase", purchase_id=f"PU{vp.village.code}{n:04d}", village_code=vp.village.code, item="水泥",
             category="建材", quantity=str(quantity), unit="吨", unit_price="450.00", amount=yuan(quantity * 450),
             supplier_org_id=top, supplier_name=next(r[ni] for r in rows if r[si] == top), method="inquiry",
             purchase_date="2025-07-15", approved_by=vp.secretary_on(date(2025, 7, 15)).name,
             invoice_no=f"9{vp.village.index:05d}{n:04d}")
    for r in rows:
        gd.used.add(r[0])
    return [("village", vp.village.code, "one supplier has half" if near else "one supplier has three quarters")]


@planter("PUR-06")
def _pur06(gd: Garden, code: str, vp: VillagePeople, near: bool):
    row = gd.pick("purchase", vp.village.code)
    day = _day(gd.g("purchase", row, "purchase_date"))
    owner = gd.person_add(vp, date(1982, 7, 7))
    org_id, name = gd.enterprise_add(vp, established=day - timedelta(days=45 if near else 8), legal_rep=owner)
    gd.s("purchase", row, "supplier_org_id", org_id)
    gd.s("purchase", row, "supplier_name", name)
    return [("purchase", row[0], "supplier 45 days old" if near else "supplier 8 days old")]


# -- assets ------------------------------------------------------------------------------------
def _lease(gd: Garden, vp: VillagePeople, test=lambda r: True) -> list[str]:
    return gd.pick("lease", vp.village.code, test)


def _rent_set(gd: Garden, lease: list[str], rent: int) -> None:
    gd.s("lease", lease, "annual_rent", yuan(rent))
    li = gd.t.column("rent_receipt", "lease_id")
    for r in gd.t.rows["rent_receipt"]:
        if r[li] == lease[0]:
            gd.s("rent_receipt", r, "amount", yuan(rent))


@planter("AST-01")
def _ast01(gd: Garden, code: str, vp: VillagePeople, near: bool):
    row = gd.pick("asset", vp.village.code, lambda r: gd.g("asset", r, "status") == "in_use")
    gd.s("asset", row, "status", "idle")
    gd.s("asset", row, "idle_since", "2026-09-01" if near else "2024-01-01")
    return [("asset", row[0], "idle since 2026-09-01" if near else "idle since 2024-01-01")]


@planter("AST-02")
def _ast02(gd: Garden, code: str, vp: VillagePeople, near: bool):
    row = _lease(gd, vp, lambda r: gd.g("lease", r, "end_date") > "2027-12-31")  # rent paid up to date
    start = _day(gd.g("lease", row, "start_date"))
    years = 20 if near else 25
    gd.s("lease", row, "end_date", iso(start.replace(year=start.year + years, day=min(start.day, 28)) - timedelta(days=1)))
    return [("lease", row[0], "20 years" if near else "25 years")]


@planter("AST-03")
def _ast03(gd: Garden, code: str, vp: VillagePeople, near: bool):
    row = _lease(gd, vp, lambda r: gd.g("lease", r, "method") == "public_bidding")
    rent = _money(gd.g("lease", row, "annual_rent")) // 100
    _rent_set(gd, row, rent * (60 if near else 30) // 100)
    return [("lease", row[0], "60 % of the usual rent" if near else "30 % of the usual rent")]


@planter("AST-04")
def _ast04(gd: Garden, code: str, vp: VillagePeople, near: bool):
    row = _lease(gd, vp, lambda r: gd.g("lease", r, "signed_date") >= "2021-01-01")
    if near:  # the cadre's sibling's spouse: neither declared nor in the cadre's household
        declared = {p.person_id for p in gd.relatives_in_office(vp)}
        person = next(p for p in vp.relatives if p.person_id not in declared and p.relation == "配偶"
                      and p.household_id not in {c.person.household_id for c in vp.cadres})
    else:
        person = gd.relatives_in_office(vp)[0]
    gd.s("lease", row, "lessee_person_id", person.person_id)
    gd.s("lease", row, "lessee_org_id", "")
    gd.s("lease", row, "lessee_name", person.name)
    return [("lease", row[0], "let to a cadre's sibling's spouse" if near else "let to a cadre's spouse")]


@planter("AST-05")
def _ast05(gd: Garden, code: str, vp: VillagePeople, near: bool):
    row = _lease(gd, vp, lambda r: gd.g("lease", r, "start_date") < "2024-01-01"
                 and gd.g("lease", r, "end_date") > "2027-12-31")
    li, pi = gd.t.column("rent_receipt", "lease_id"), gd.t.column("rent_receipt", "period_start")
    receipts = [r for r in gd.t.rows["rent_receipt"] if r[li] == row[0]]
    for r in receipts:
        if r[pi] >= "2025-01-01":
            if near:  # paid a month late, but paid
                gd.s("rent_receipt", r, "receipt_date", iso(_day(r[pi]) + timedelta(days=30)))
            else:
                gd.t.rows["rent_receipt"].remove(r)
    return [("lease", row[0], "paid late" if near else "nothing paid since 2025")]


@planter("AST-06")
def _ast06(gd: Garden, code: str, vp: VillagePeople, near: bool):
    row = _lease(gd, vp, lambda r: gd.g("lease", r, "asset_id") and gd.g("lease", r, "method") == "public_bidding")
    _rent_set(gd, row, 49_000 if near else 60_000)
    gd.s("lease", row, "method", "negotiation")
    return [("lease", row[0], "49,000 a year by negotiation" if near else "60,000 a year by negotiation")]


# -- seals -------------------------------------------------------------------------------------
def _use(gd: Garden, vp: VillagePeople) -> list[str]:
    return gd.pick("seal_usage", vp.village.code, lambda r: gd.g("seal_usage", r, "document_type") != "contract")


@planter("SEAL-01")
def _seal01(gd: Garden, code: str, vp: VillagePeople, near: bool):
    row = _use(gd, vp)
    if near:  # approved by the committee's director (not the secretary), at the minute of use
        day = _day(gd.g("seal_usage", row, "used_at"))
        director = next(c.person for c in vp.cadres if c.position == "村委会主任" and c.term_start <= day
                        and (c.term_end is None or day <= c.term_end))
        gd.s("seal_usage", row, "approver_person_id", director.person_id)
        gd.s("seal_usage", row, "approved_at", gd.g("seal_usage", row, "used_at"))
        return [("seal_usage", row[0], "approved by the director at the minute of use")]
    gd.s("seal_usage", row, "approver_person_id", "")
    gd.s("seal_usage", row, "approved_at", "")
    return [("seal_usage", row[0], "no approval")]


@planter("SEAL-02")
def _seal02(gd: Garden, code: str, vp: VillagePeople, near: bool):
    row = _use(gd, vp)
    used = datetime.fromisoformat(gd.g("seal_usage", row, "used_at"))
    gd.s("seal_usage", row, "approved_at", iso(used + timedelta(minutes=5 if near else 90)))
    return [("seal_usage", row[0], "approved 5 minutes after" if near else "approved 90 minutes after")]


@planter("SEAL-03")
def _seal03(gd: Garden, code: str, vp: VillagePeople, near: bool):
    row = _use(gd, vp)
    if near:  # 17:50 on a working day
        day = _day(gd.g("seal_usage", row, "used_at"))
        used = datetime.combine(day, datetime.min.time()).replace(hour=17, minute=50)
    else:  # Saturday morning
        workdays = set(working_days(2025))
        day = date(2025, 3, 8)
        while day.weekday() != 5 or day in workdays:
            day += timedelta(days=7)
        used = datetime.combine(day, datetime.min.time()).replace(hour=10)
    gd.s("seal_usage", row, "used_at", iso(used))
    gd.s("seal_usage", row, "approved_at", iso(used - timedelta(minutes=30)))
    return [("seal_usage", row[0], "17:50 on a working day" if near else "Saturday 10:00")]


@planter("SEAL-04")
def _seal04(gd: Garden, code: str, vp: VillagePeople, near: bool):
    row = _use(gd, vp)
    gd.s("seal_usage", row, "document_type", "contract")
    gd.s("seal_usage", row, "matter", "签订合同")
    if near:
        lease = gd.rows("lease", vp.village.code)[0]
        gd.s("seal_usage", row, "related_type", "lease")
        gd.s("seal_usage", row, "related_id", lease[0])
    else:
        gd.s("seal_usage", row, "related_type", "")
        gd.s("seal_usage", row, "related_id", "")
    return [("seal_usage", row[0], "contract of a recorded lease" if near else "contract with no ledger record")]


@planter("SEAL-05")
def _seal05(gd: Garden, code: str, vp: VillagePeople, near: bool):
    row = _use(gd, vp)
    if near:  # 空置 (vacant), not 空白 (blank): a certificate that a house stands empty
        gd.s("seal_usage", row, "document_type", "certificate")
        gd.s("seal_usage", row, "matter", "出具房屋空置证明")
        return [("seal_usage", row[0], "certificate of a vacant house")]
    gd.s("seal_usage", row, "document_type", "blank")
    gd.s("seal_usage", row, "matter", "空白纸盖章")
    return [("seal_usage", row[0], "blank paper")]


def plant(world, *, per_code: int = 2, codes: list[str] | None = None) -> list[dict]:
    """Plant ``per_code`` cases and near-misses for every catalogue code that has a planter."""
    if per_code <= 0 or not world.people:
        return []
    catalogue = {spec.code for spec in load_catalogue()}
    gd = Garden(world)
    for code in sorted(codes or catalogue):
        fn = PLANTERS.get(code)
        if fn is None or code not in catalogue:
            continue
        for k in range(per_code):
            for near in (False, True):
                # the next village with rows to spare (small test regions run out of some)
                for _attempt in range(len(gd.villages)):
                    vp = gd.village()
                    try:
                        planted = fn(gd, code, vp, near)
                    except (IndexError, StopIteration, LookupError):
                        continue
                    for subject_type, subject_id, note in planted:
                        gd.record(code, subject_type, subject_id, vp.village.code, "none" if near else "alert",
                                  f"{note} (case {k + 1})")
                    break
    return gd.truth
