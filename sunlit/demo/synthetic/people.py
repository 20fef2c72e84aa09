"""People: Faker zh_CN names (drawn from seeded pools, so a million people cost no more than a
thousand) and valid resident ID numbers whose birthplace is the county's code."""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from faker import Faker

from sunlit.identity import person_id_make

REFERENCE_YEAR = 2025


@dataclass
class Person:
    person_id: str
    name: str
    birth_date: date
    gender: str          # M | F
    household_id: str
    relation: str        # relation to the household head, in the register's words
    village_code: str
    role: str = ""       # what the generator uses the person for (worker, cadre, recipient …)
    tags: set = field(default_factory=set)

    def age_on(self, day: date) -> int:
        b = self.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))


class Names:
    """Seeded pools of surnames and given names from Faker's zh_CN provider."""

    def __init__(self, seed: int):
        self.seed = seed
        fake = Faker("zh_CN")
        fake.seed_instance(seed)
        self.surnames = [fake.last_name() for _ in range(400)]
        self.male = [fake.first_name_male() for _ in range(600)]
        self.female = [fake.first_name_female() for _ in range(600)]

    def full(self, rng: random.Random, gender: str, surname: str | None = None) -> str:
        given = rng.choice(self.male if gender == "M" else self.female)
        return (surname or rng.choice(self.surnames)) + given


class IdNumbers:
    """Unique ID numbers per county: county code + birth date + a sequence whose parity is the sex."""

    def __init__(self):
        self._used: dict[tuple[str, date], int] = {}

    def make(self, county_code: str, born: date, gender: str) -> str:
        key = (county_code[:6], born)
        n = self._used.get(key, 0)
        self._used[key] = n + 1
        seq = 2 * n + (1 if gender == "M" else 0)
        if seq > 999:
            raise ValueError("too many people born on one day in one county")
        return person_id_make(f"{county_code[:6]}{born:%Y%m%d}{seq:03d}")


def birth_for_age(rng: random.Random, low: int, high: int) -> date:
    """A birth date giving an age between ``low`` and ``high`` all through the reference year."""
    year = REFERENCE_YEAR - rng.randint(low + 1, high)
    return date(year, 1, 1) + timedelta(days=rng.randrange(365))


class PeopleMaker:
    def __init__(self, names: Names, ids: IdNumbers):
        self.names, self.ids = names, ids

    def household(self, rng: random.Random, village, number: int, members: list[tuple[str, int, int, str]],
                  role: str) -> list[Person]:
        """``members``: (relation, min age, max age, role) — the first is the head. Surnames follow the
        head for children; spouses keep their own."""
        hid = f"{village.code}{number:04d}"
        people: list[Person] = []
        surname = rng.choice(self.names.surnames)
        head_gender = "M" if rng.random() < 0.8 else "F"
        for relation, low, high, member_role in members:
            if relation == "户主":
                gender = head_gender
            elif relation == "配偶":
                gender = "F" if head_gender == "M" else "M"
            elif relation in ("子", "父亲", "兄"):
                gender = "M"
            elif relation in ("女", "母亲"):
                gender = "F"
            else:
                gender = rng.choice("MF")
            born = birth_for_age(rng, low, high)
            own_surname = surname if relation in ("户主", "子", "女", "父亲") else None
            pid = self.ids.make(village.county_code, born, gender)
            people.append(Person(pid, self.names.full(rng, gender, own_surname), born, gender, hid, relation,
                                 village.code, member_role or role))
        return people
