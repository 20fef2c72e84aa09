"""The DuckDB SQL form of the identity rules agrees with sunlit.identity exactly: same verdict,
same kind of problem, same normalised value, over many generated numbers of every shape."""

import random
from datetime import date, timedelta

import duckdb
import pytest
from stdnum.cn import uscc

from sunlit import identity_sql
from sunlit.identity import IdentityError, org_id_normalise, person_id_make, person_id_normalise

_CATEGORY = [  # Python message fragment → SQL problem code
    ("只能包含数字", identity_sql.CHARACTERS),
    ("格式错误", identity_sql.CHARACTERS),
    ("应为18位", identity_sql.LENGTH),
    ("出生日期", identity_sql.BIRTH_DATE),
    ("校验码错误", identity_sql.CHECK_DIGIT),
]


def _python_person(value):
    try:
        return None, person_id_normalise(value)
    except IdentityError as exc:
        return next(code for fragment, code in _CATEGORY if fragment in str(exc)), None


def _python_org(value):
    try:
        return None, org_id_normalise(value)
    except IdentityError:
        return "invalid", None


def _sql(values, layers_for):
    con = duckdb.connect()
    con.execute("CREATE TABLE given (n INTEGER, x VARCHAR)")
    con.executemany("INSERT INTO given VALUES (?, ?)", list(enumerate(values)))
    query = identity_sql.layered_select("given", layers_for("x", "k"))
    rows = con.execute(f'SELECT n, "k.problem", "k.id" FROM {query} ORDER BY n').fetchall()
    return [(p, i) for _, p, i in rows]


def _birth(rng):
    return date(1880, 1, 1) + timedelta(days=rng.randrange((date.today() - date(1880, 1, 1)).days + 1))


def _generated_person_ids(n=4000, seed=11643):
    rng = random.Random(seed)
    region = lambda: f"{rng.randrange(110000, 660000):06d}"  # noqa: E731
    out = []
    for i in range(n):
        first17 = region() + _birth(rng).strftime("%Y%m%d") + f"{rng.randrange(1000):03d}"
        valid = person_id_make(first17)
        kind = i % 14
        if kind == 0:
            out.append(valid)
        elif kind == 1:    # wrong check character
            wrong = rng.choice([c for c in "0123456789X" if c != valid[-1]])
            out.append(valid[:-1] + wrong)
        elif kind == 2:    # lower-case x, or surrounding / inner whitespace of every kind Python knows
            ws = rng.choice([" ", "\t", "\u3000", "\xa0", "\u2003", "\n"])
            out.append((valid.lower() if valid.endswith("X") else valid[:9] + ws + valid[9:]) + ws)
        elif kind == 3:    # 15-digit legacy, born 1900-1999
            born = date(1900, 1, 1) + timedelta(days=rng.randrange(36524))
            out.append(region() + born.strftime("%y%m%d") + f"{rng.randrange(1000):03d}")
        elif kind == 4:    # 15-digit legacy with an impossible date
            out.append(region() + rng.choice(["990229", "011301", "010100", "970431"]) + f"{rng.randrange(1000):03d}")
        elif kind == 5:    # impossible or out-of-range birth dates with a correct check character
            day = rng.choice(["19000229", "20230229", "19991301", "19990100", "18791231", "00000101",
                              (date.today() + timedelta(days=rng.randrange(1, 4000))).strftime("%Y%m%d")])
            out.append(person_id_make(region() + day + "123"))
        elif kind == 6:    # leap days that exist
            out.append(person_id_make(region() + rng.choice(["20000229", "19960229", "19040229"]) + "007"))
        elif kind == 7:    # wrong lengths
            out.append(valid[: rng.choice([0, 1, 14, 16, 17])])
        elif kind == 8:    # letters or signs in the digits
            pos = rng.randrange(17)
            out.append(valid[:pos] + rng.choice("AXx+-.é") + valid[pos + 1:])
        elif kind == 9:    # full-width or other non-ASCII digits
            out.append(valid.translate(str.maketrans("0123456789", "０１２３４５６７８９")))
        elif kind == 10:   # X in a 15-digit number, or 19 characters
            out.append(rng.choice([valid[:14] + "X", valid + "1"]))
        elif kind == 11:   # valid, with check character X forced when possible
            out.append(valid)
        elif kind == 12:   # 15 digits that are a legacy number of a date before 1900 can't exist; odd ones
            out.append(f"{rng.randrange(10**14, 10**15)}")
        else:              # random printable noise of length 18
            out.append("".join(rng.choice("0123456789Xx ") for _ in range(18)))
    return out


def test_person_id_sql_agrees_with_python_over_generated_numbers():
    values = _generated_person_ids()
    sql = _sql(values, identity_sql.person_id_layers)
    kinds = {"valid": 0, "converted": 0}
    for value, (problem, normalised) in zip(values, sql, strict=True):
        expected_problem, expected = _python_person(value)
        assert (problem, normalised) == (expected_problem, expected), repr(value)
        if expected:
            kinds["valid"] += 1
            kinds["converted"] += len(value.strip()) == 15
        else:
            kinds[expected_problem] = kinds.get(expected_problem, 0) + 1
    # every kind of verdict is exercised, many times
    for kind in ("valid", "converted", identity_sql.CHECK_DIGIT, identity_sql.BIRTH_DATE,
                 identity_sql.LENGTH, identity_sql.CHARACTERS):
        assert kinds.get(kind, 0) >= 50, kinds


def test_person_id_sql_normalises_like_the_ledger():
    values = ["11010519491231002x", " 11010519491231002X ", "110105491231002", "1101051949 1231002X"]
    assert _sql(values, identity_sql.person_id_layers) == [(None, "11010519491231002X")] * 4


def test_person_id_sql_uses_todays_date_as_the_upper_bound():
    tomorrow = (date.today() + timedelta(days=1)).strftime("%Y%m%d")
    value = person_id_make("330102" + tomorrow + "001")
    assert _sql([value], identity_sql.person_id_layers) == [(identity_sql.BIRTH_DATE, None)]
    layers = identity_sql.person_id_layers("x", "k", today=date.today() + timedelta(days=2))
    assert _sql([value], lambda x, name: layers) == [(None, value)]


def _generated_org_ids(n=3000, seed=32100):
    rng = random.Random(seed)
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    out = []
    for i in range(n):
        first17 = f"{rng.randrange(10**7, 10**8)}" + "".join(rng.choice(alphabet) for _ in range(9))
        valid = first17 + uscc.calc_check_digit(first17)
        kind = i % 7
        if kind == 0:
            out.append(valid)
        elif kind == 1:
            out.append(valid[:-1] + rng.choice([c for c in alphabet if c != valid[-1]]))
        elif kind == 2:
            out.append(rng.choice([valid.lower(), valid[:4] + "-" + valid[4:], " " + valid + "\u3000"]))
        elif kind == 3:
            pos = rng.randrange(18)
            out.append(valid[:pos] + rng.choice("IOSVZ+é") + valid[pos + 1:])
        elif kind == 4:
            out.append(valid[: rng.choice([0, 8, 17])] + rng.choice(["", "0"]))
        elif kind == 5:    # a letter among the first eight (digits only)
            out.append(valid[:3] + "A" + valid[4:])
        else:
            out.append(valid + rng.choice(alphabet))
    return out


def test_org_id_sql_agrees_with_python_over_generated_codes():
    values = _generated_org_ids()
    sql = _sql(values, identity_sql.org_id_layers)
    valid = 0
    for value, (problem, normalised) in zip(values, sql, strict=True):
        expected_problem, expected = _python_org(value)
        assert normalised == expected, repr(value)
        assert (problem is None) == (expected_problem is None), repr(value)
        valid += expected is not None
    assert 800 < valid < 2000


@pytest.mark.parametrize("first17", ["91330102MA2H7K3QX", "12100000400000080"])
def test_generated_check_characters_match(first17):
    con = duckdb.connect()
    assert con.execute(f"SELECT {identity_sql.org_id_make_sql(repr(first17))}").fetchone()[0] == \
        first17 + uscc.calc_check_digit(first17)
    digits = "33010219620314031"
    assert con.execute(f"SELECT {identity_sql.person_id_make_sql(repr(digits))}").fetchone()[0] == person_id_make(digits)
