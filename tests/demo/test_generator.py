"""The demo generator on its own (no database): same seed → byte-identical files, valid identity
keys and region codes everywhere, the yearly volumes of a village, and clean rules that hold by
construction (amount = days × rate, one task a day per worker, no cadre or declared relative paid
for labour)."""

import hashlib
from collections import Counter, defaultdict
from decimal import Decimal

import pytest

from sunlit.demo import planting
from sunlit.demo.synthetic import generator
from sunlit.demo.synthetic.generator import world_generate
from sunlit.demo.synthetic.tables import columns_of
from sunlit.identity import org_id_normalise, person_id_normalise

VILLAGES = 3


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A clean world whose rows are all still in memory (three villages: all kept for planting)."""
    made = world_generate(scale="county", seed=7, villages_limit=VILLAGES, quiet=True,
                          folder=tmp_path_factory.mktemp("world"))
    yield made
    made.files.close()


def _generate(folder, seed, planted=2):
    made = world_generate(scale="county", seed=seed, villages_limit=VILLAGES, quiet=True, folder=folder)
    planting.plant(made, per_code=planted)
    return made.finish()


def _hashes(paths):
    return {table: hashlib.sha256(p.read_bytes()).hexdigest() for table, p in paths.items()}


def test_same_seed_gives_byte_identical_files_and_another_seed_does_not(tmp_path):
    a = _hashes(_generate(tmp_path / "a", 7))
    b = _hashes(_generate(tmp_path / "b", 7))
    c = _hashes(_generate(tmp_path / "c", 8))
    assert len(a) == 24 and a == b
    assert a["labour_payment"] != c["labour_payment"]
    assert a["household"] != c["household"]


def test_townships_not_kept_for_planting_are_streamed_to_the_files_with_the_same_rows(tmp_path, monkeypatch):
    kept = _generate(tmp_path / "kept", 7, planted=0)
    monkeypatch.setattr(generator, "KEEP_CONTEXT", 1)
    made = world_generate(scale="county", seed=7, villages_limit=VILLAGES, quiet=True, folder=tmp_path / "streamed")
    assert len(made.people) < len(made.geography.villages)  # the other county's township went to disk
    streamed = made.finish()
    for table, path in kept.items():
        assert sorted(path.read_text().splitlines()) == sorted(streamed[table].read_text().splitlines()), table


def _values(world, column_kind):
    for table, rows in world.tables.rows.items():
        for i, name in enumerate(columns_of(table)):
            if column_kind(table, name):
                for row in rows:
                    if row[i]:
                        yield table, name, row[i]


def test_every_id_number_and_credit_code_is_valid(world):
    people = list(_values(world, lambda t, c: c.endswith("person_id")))
    orgs = list(_values(world, lambda t, c: c.endswith("org_id")))
    assert len(people) > 10_000 and len(orgs) > 500
    for _table, _col, value in people:
        assert person_id_normalise(value) == value
        assert value[:6] in ("330102", "330106")  # birthplace: the county's code
    for _table, _col, value in orgs:
        assert org_id_normalise(value) == value


def test_region_codes_are_the_generated_villages(world):
    villages = {v.code for v in world.geography.villages}
    assert len(villages) == VILLAGES + 1  # the other county of the demo accounts gets one
    for code in villages:
        assert len(code) == 12 and code.isdigit() and not code.endswith("000")
    for _table, _col, value in _values(world, lambda t, c: c in ("village_code", "region_code")):
        assert value in villages


def test_yearly_volumes_of_a_village(world):
    code = world.geography.villages[0].code
    per_table = Counter()
    for table in ("labour_payment", "purchase", "project", "lease", "relief_recipient", "seal_usage"):
        i = columns_of(table).index("village_code")
        per_table[table] = sum(1 for r in world.tables.rows[table] if r[i] == code)
    assert 500 <= per_table["labour_payment"] <= 510
    assert per_table["purchase"] == 200 and per_table["project"] == 10 and per_table["lease"] == 52
    assert per_table["relief_recipient"] == 24 and per_table["seal_usage"] == 300


def test_ages_span_working_adults_to_the_very_old(world):
    births = [int(r[3][:4]) for r in world.tables.rows["household"]]
    assert min(births) <= 1937 and max(births) >= 2010


def test_labour_is_clean_by_construction(world):
    t = world.tables
    cols = columns_of("labour_payment")
    p = {c: cols.index(c) for c in cols}
    worked = defaultdict(set)
    for r in t.rows["labour_attendance"]:
        worked[(r[0], r[1])].add(r[2])
    days_of_person = Counter()
    cadres_and_relatives = {r[1] for r in t.rows["cadre"]} | {r[1] for r in t.rows["kinship"]}
    for r in t.rows["labour_payment"]:
        assert r[p["task_id"]]
        assert Decimal(r[p["amount"]]) == Decimal(r[p["days"]]) * Decimal(r[p["daily_rate"]])
        assert len(worked[(r[p["task_id"]], r[p["person_id"]])]) == int(r[p["days"]])
        assert r[p["person_id"]] not in cadres_and_relatives
        for day in worked[(r[p["task_id"]], r[p["person_id"]])]:
            days_of_person[(r[p["person_id"]], day)] += 1
    assert max(days_of_person.values()) == 1
