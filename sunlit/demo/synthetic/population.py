"""Each village's households (cadres and their declared relatives, labourers, relief households,
employees, the elderly), each township's enterprises with their legal representatives and
shareholders, and the registry rows that describe them: household, kinship, enterprise,
enterprise_person, death, vehicle, property, public_payroll, social_insurance."""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from stdnum.cn import uscc

from .people import PeopleMaker, Person
from .tables import Tables, iso, yuan

TERMS = ((date(2021, 1, 1), date(2025, 12, 31)), (date(2026, 1, 1), None))
POSITIONS = ("党组织书记", "村委会主任", "村委会委员", "村委会委员", "村务监督委员会主任")
_ORG_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_PLATE_CHARS = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"
_TRADES = [("建设工程", "contractor"), ("建筑劳务", "contractor"), ("市政工程", "contractor"),
           ("水利工程", "contractor"), ("园林绿化工程", "contractor"), ("商贸", "supplier"), ("五金建材", "supplier"),
           ("办公用品", "supplier"), ("农资", "supplier"), ("电器", "supplier"), ("日用百货", "supplier")]
_STEMS = ["鑫源", "恒泰", "宏达", "永盛", "华越", "瑞丰", "金诚", "嘉禾", "润泽", "天成", "博远", "众力", "兴旺",
          "同创", "利民", "顺发", "长盛", "新宇", "正阳", "德信", "安泰", "明辉", "佳和", "汇通"]


@dataclass
class Enterprise:
    org_id: str
    name: str
    kind: str            # contractor | supplier
    status: str
    established: date
    closed: date | None
    people: list[Person] = field(default_factory=list)


@dataclass
class Cadre:
    person: Person
    position: str
    term_start: date
    term_end: date | None


@dataclass
class VillagePeople:
    village: object
    cadres: list[Cadre]
    relatives: list[Person]          # declared relatives and household members of cadres
    workers: list[Person]
    recipients: list[tuple[Person, str]]  # (person, relief type)
    employed: list[Person]
    elderly: list[Person]
    everyone: list[Person]
    next_household: int

    def secretary_on(self, day: date) -> Person:
        for c in self.cadres:
            if c.position == POSITIONS[0] and c.term_start <= day and (c.term_end is None or day <= c.term_end):
                return c.person
        raise LookupError(day)

    def cadre_ids(self) -> set[str]:
        return {c.person.person_id for c in self.cadres}


def org_id_make(region6: str, serial: int) -> str:
    body = ""
    n = serial
    for _ in range(9):
        n, r = divmod(n, len(_ORG_CHARS))
        body = _ORG_CHARS[r] + body
    first17 = f"91{region6}{body}"
    return first17 + uscc.calc_check_digit(first17)


def plate_make(serial: int) -> str:
    text = ""
    n = serial
    for _ in range(5):
        n, r = divmod(n, len(_PLATE_CHARS))
        text = _PLATE_CHARS[r] + text
    return "浙A" + text


class Population:
    """Writes households and registries into ``tables`` as villages are generated."""

    def __init__(self, tables: Tables, maker: PeopleMaker, seed: int):
        self.t, self.maker, self.seed = tables, maker, seed
        self.org_serial = 0
        self.plate_serial = 0

    # -- households -------------------------------------------------------------------------
    def _household(self, rng, village, number, members, role) -> list[Person]:
        people = self.maker.household(rng, village, number, members, role)
        for p in people:
            self.t.add("household", household_id=p.household_id, person_id=p.person_id, name=p.name,
                       birth_date=iso(p.birth_date), gender=p.gender, relation_to_head=p.relation,
                       region_code=village.code)
        return people

    def _property(self, rng, person: Person, kind: str, number: int) -> None:
        low, high = (80, 220) if kind == "residential" else (40, 300)
        self.t.add("property", property_id=f"{person.household_id}-{number}", person_id=person.person_id,
                   property_type=kind, area=yuan(rng.randint(low, high)),
                   registered_date=iso(date(rng.randint(2000, 2022), rng.randint(1, 12), rng.randint(1, 28))))

    def _vehicle(self, rng, person: Person) -> None:
        self.plate_serial += 1
        kind = rng.choices(["小型轿车", "小型普通客车", "二轮摩托车"], [7, 2, 1])[0]
        self.t.add("vehicle", plate=plate_make(self.plate_serial * 7919 % 45_000_000), person_id=person.person_id,
                   vehicle_type=kind,
                   registered_date=iso(date(rng.randint(2010, 2024), rng.randint(1, 12), rng.randint(1, 28))))

    def village_people(self, village, township_name: str) -> VillagePeople:
        rng = random.Random(f"{self.seed}:people:{village.code}")
        n = 0
        cadres: list[Cadre] = []
        relatives: list[Person] = []
        everyone: list[Person] = []

        def hh(members, role):
            nonlocal n
            n += 1
            people = self._household(rng, village, n, members, role)
            everyone.extend(people)
            return people

        # cadres: five in the 2021-2025 term, four of the posts change hands in 2026
        cadre_people = []
        for _ in range(7):
            family = hh([("户主", 35, 58, "cadre"), ("配偶", 33, 58, "cadre_relative"),
                         (rng.choice(["子", "女"]), 18, 30, "cadre_relative")], "cadre")
            sibling = hh([("户主", 35, 62, "cadre_relative"), ("配偶", 33, 62, "cadre_relative")], "cadre_relative")
            head = family[0]
            cadre_people.append(head)
            relatives.extend(family[1:] + sibling)
            for rel, label in ((family[1], "配偶"), (family[2], "子女"), (sibling[0], "兄弟姐妹")):
                self.t.add("kinship", person_id=head.person_id, relative_person_id=rel.person_id, relation=label)
            self._property(rng, head, "residential", 1)
            if rng.random() < 0.6:
                self._vehicle(rng, head)
        first, second = TERMS
        for position, person in zip(POSITIONS, cadre_people[:5], strict=True):
            cadres.append(Cadre(person, position, *first))
        kept = [cadre_people[0], cadre_people[1], cadre_people[2], cadre_people[5], cadre_people[6]]
        for position, person in zip(POSITIONS, kept, strict=True):
            cadres.append(Cadre(person, position, *second))
        for c in cadres:
            self.t.add("cadre", village_code=village.code, person_id=c.person.person_id, name=c.person.name,
                       position=c.position, term_start=iso(c.term_start), term_end=iso(c.term_end))

        workers: list[Person] = []
        for _ in range(22):
            members = [("户主", 30, 64, "worker"), ("配偶", 28, 64, "worker")]
            if rng.random() < 0.5:
                members.append((rng.choice(["子", "女"]), 20, 34, "worker"))
            if rng.random() < 0.3:
                members.append((rng.choice(["父亲", "母亲"]), 76, 90, "elder"))
            people = hh(members, "worker")
            workers.extend(p for p in people if p.role == "worker")
            self._property(rng, people[0], "residential", 1)
            if rng.random() < 0.3:
                self._vehicle(rng, people[0])

        recipients: list[tuple[Person, str]] = []
        plan = ["minimum_living"] * 14 + ["extreme_poverty"] * 4 + ["disability"] * 4 + ["temporary"] * 2
        for kind in plan:
            if kind == "minimum_living":
                members = [("户主", 58, 88, "recipient")] + ([("配偶", 58, 88, "recipient_household")]
                                                           if rng.random() < 0.5 else [])
            elif kind == "extreme_poverty":
                members = [("户主", 66, 92, "recipient")]
            elif kind == "disability":
                members = [("户主", 25, 58, "recipient"), ("母亲", 62, 85, "recipient_household")]
            else:
                members = [("户主", 30, 55, "recipient"), ("配偶", 30, 55, "recipient_household"),
                           (rng.choice(["子", "女"]), 5, 14, "recipient_household")]
            people = hh(members, "recipient")
            recipients.append((people[0], kind))
            if rng.random() < 0.5:
                self._property(rng, people[0], "residential", 1)

        employed: list[Person] = []
        for _ in range(8):
            people = hh([("户主", 28, 55, "employed"), ("配偶", 28, 55, "employed"),
                         (rng.choice(["子", "女"]), 3, 17, "child")], "employed")
            employed.extend(people[:2])
            self._property(rng, people[0], "residential", 1)
            if rng.random() < 0.7:
                self._vehicle(rng, people[0])

        elderly: list[Person] = []
        for _ in range(4):
            people = hh([("户主", 70, 90, "elder"), ("配偶", 68, 90, "elder")], "elder")
            elderly.extend(people)
            self._property(rng, people[0], "residential", 1)
        dead = elderly[0]
        self.t.add("death", person_id=dead.person_id, death_date=iso(date(2025, 1, 1) + timedelta(days=rng.randrange(330))))
        dead.tags.add("dead")

        # two employees a village are paid from public funds (teachers, township staff)
        for person, employer in zip(employed[:2], [f"{township_name}中心小学", f"{township_name}人民政府"], strict=True):
            person.tags.add("payroll")
            self.t.add("public_payroll", person_id=person.person_id, employer=employer,
                       start_date=iso(date(rng.randint(2005, 2020), rng.randint(1, 12), 1)))
        return VillagePeople(village, cadres, relatives, workers, recipients, employed, elderly, everyone, n + 1)

    def insure(self, vp: VillagePeople, employers: list[Enterprise]) -> None:
        """A year of social insurance for every employee not on the public payroll."""
        rng = random.Random(f"{self.seed}:insurance:{vp.village.code}")
        for person in vp.employed:
            if "payroll" in person.tags:
                continue
            employer = rng.choice(employers)
            base = yuan(rng.randint(45, 110) * 100)
            for month in range(1, 13):
                self.t.add("social_insurance", person_id=person.person_id, employer_org_id=employer.org_id,
                           period=f"2025-{month:02d}", wage_base=base)

    # -- enterprises --------------------------------------------------------------------------
    def township_enterprises(self, township_code: str, villages: list) -> list[Enterprise]:
        """Twelve contractors and eighteen suppliers a township (all active, established years
        before), plus three closed companies; each run by a household of one of its villages."""
        rng = random.Random(f"{self.seed}:enterprises:{township_code}")
        found: list[Enterprise] = []
        names_used: set[str] = set()
        kinds = ["contractor"] * 12 + ["supplier"] * 18 + ["closed"] * 3
        for i, kind in enumerate(kinds):
            village = villages[i % len(villages)]
            trade_kind = kind if kind != "closed" else rng.choice(["contractor", "supplier"])  # drawn once
            trades = [t for t, k in _TRADES if k == trade_kind]
            while True:
                name = f"{village.name[:2]}{rng.choice(_STEMS)}{rng.choice(trades)}有限公司"
                if name not in names_used:
                    names_used.add(name)
                    break
            self.org_serial += 1
            org_id = org_id_make(township_code[:6], self.org_serial * 104_729 + 17)
            established = date(rng.randint(2006, 2020), rng.randint(1, 12), rng.randint(1, 28))
            status, closed = "active", None
            if kind == "closed":
                status = rng.choice(["revoked", "cancelled"])
                closed = date(rng.randint(2021, 2024), rng.randint(1, 12), rng.randint(1, 28))
            ent = Enterprise(org_id, name, "closed" if kind == "closed" else kind, status, established, closed)
            rng_people = random.Random(f"{self.seed}:owners:{org_id}")
            number = 900 + i
            owners = self.maker.household(rng_people, village, number,
                                          [("户主", 35, 60, "owner"), ("配偶", 33, 60, "owner")], "owner")
            for p in owners:
                self.t.add("household", household_id=p.household_id, person_id=p.person_id, name=p.name,
                           birth_date=iso(p.birth_date), gender=p.gender, relation_to_head=p.relation,
                           region_code=village.code)
            self._property(rng_people, owners[0], "residential", 1)
            self._property(rng_people, owners[0], "commercial", 2)
            self._vehicle(rng_people, owners[0])
            ent.people = owners
            self.t.add("enterprise", org_id=org_id, name=name, status=status, established_date=iso(established),
                       closed_date=iso(closed), legal_rep_person_id=owners[0].person_id, region_code=village.code)
            share = rng.choice([51, 60, 70, 80])
            self.t.add("enterprise_person", org_id=org_id, person_id=owners[0].person_id, role="legal_rep")
            self.t.add("enterprise_person", org_id=org_id, person_id=owners[0].person_id, role="shareholder",
                       share_ratio=f"0.{share:02d}")
            self.t.add("enterprise_person", org_id=org_id, person_id=owners[1].person_id, role="shareholder",
                       share_ratio=f"0.{100 - share:02d}")
            found.append(ent)
        return found
