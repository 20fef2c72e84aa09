"""The identity rules of ``sunlit.identity`` as DuckDB SQL, so that a whole file of ID numbers is
checked and normalised column-at-a-time instead of row by row.

The SQL agrees with the Python functions exactly (``tests/test_identity_sql.py`` compares them over
many generated numbers): whitespace as Python's ``str.split`` sees it is removed, anything that is
not ASCII is refused, letters are upper-cased, 15-digit resident ID numbers are converted to 18
(century 19 inserted, check character computed), the birth date must be a real date between
1880-01-01 and today, and the check character must match.

Each identity column is handled by a short stack of projection layers (``person_id_layers``,
``org_id_layers``): each layer selects everything below it plus a few expressions, so an expression
is computed once per row and later layers refer to it by name. The top layer holds
``"<name>.problem"`` (NULL when valid, else one of the problem codes below) and ``"<name>.id"``
(the canonical form, NULL when invalid). ``layered_select`` nests the layers over any table."""

from datetime import date

from sunlit.identity import EARLIEST_BIRTH

# Problem codes, shared with the messages in ``sunlit.registries.specs``.
LENGTH = "length"
CHARACTERS = "characters"
BIRTH_DATE = "birth_date"
CHECK_DIGIT = "check_digit"

_PERSON_WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]
_PERSON_CHECK = "10X98765432"
_ORG_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_ORG_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def _re2_class(chars: str) -> str:
    """A RE2 character class matching exactly ``chars`` (code points written as \\x{..})."""
    return "[" + "".join(f"\\x{{{ord(c):x}}}" for c in chars) + "]"


# Every character Python's str.split() treats as whitespace (it is more than RE2's \s).
PYTHON_WHITESPACE = "".join(chr(c) for c in range(0x110000) if chr(c).isspace())
_WHITESPACE_CLASS = _re2_class(PYTHON_WHITESPACE)
_ORG_SEPARATORS_CLASS = _re2_class(PYTHON_WHITESPACE + "-")


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def cleaned_person_id(x: str) -> str:
    """Whitespace removed, upper-cased (ASCII letters only: non-ASCII text is refused later)."""
    return f"upper(regexp_replace({x}, {_lit(_WHITESPACE_CLASS)}, '', 'g'))"


def cleaned_org_id(x: str) -> str:
    """Whitespace and hyphens removed (python-stdnum's compact form), upper-cased."""
    return f"upper(regexp_replace({x}, {_lit(_ORG_SEPARATORS_CLASS)}, '', 'g'))"


def _weighted_digits(t: str, start: int, weights) -> str:
    """Sum of digit × weight over the digits of ``t`` from 1-based ``start`` (string arithmetic;
    used only on the rare paths: 15-digit conversion and synthetic data)."""
    return " + ".join(f"(ascii(substr({t}, {start + i}, 1)) - 48) * {w}" for i, w in enumerate(weights))


def _int_digits(value: str, width: int, weights) -> list[str]:
    """digit × weight terms for an integer ``value`` holding ``width`` decimal digits."""
    terms = []
    for k in range(width):
        power = 10 ** (width - 1 - k)
        if k == 0:
            digit = f"({value} // {power})"
        elif power == 1:
            digit = f"({value} % 10)"
        else:
            digit = f"(({value} // {power}) % 10)"
        terms.append(f"{digit} * {weights[k]}")
    return terms


def _person_check(first17: str) -> str:
    return f"substr('{_PERSON_CHECK}', 1 + (({_weighted_digits(first17, 1, _PERSON_WEIGHTS)}) % 11), 1)"


def _person_check_ints(a: str, b: str, c: str) -> str:
    """The check character from the ID's three digit groups as integers: a = 6-digit region,
    b = 8-digit birth date, c = 3-digit sequence.

    Within a group each digit weighs twice the next one (weights are powers of 2 modulo 11), so a
    group's weighted sum is its last digit's weight times the group's digits read in base 2, and
    that is ``x - 8 * sum(2**(k-1) * (x // 10**k) for k >= 1)`` — one integer division per digit
    instead of a division and a remainder, all within 32-bit integers."""
    total = []
    groups = ((a, 6, 5), (b, 8, 13), (c, 3, 16))     # (value, width, 0-based position of its last digit)
    for value, width, last in groups:
        shifted = " + ".join(f"{2 ** (k - 1)} * ({value} // {10 ** k})" for k in range(1, width))
        total.append(f"{_PERSON_WEIGHTS[last]} * (({value} - 8 * ({shifted})) % 11)")
    return f"substr('{_PERSON_CHECK}', 1 + (({' + '.join(total)}) % 11), 1)"


def _birth_bad(b: str, today: date) -> str:
    """True unless the integer ``b`` (YYYYMMDD) is a real date between 1880-01-01 and today."""
    year, month, day = f"({b} // 10000)", f"(({b} // 100) % 100)", f"({b} % 100)"
    leap = f"(({year} % 4 = 0 AND {year} % 100 <> 0) OR {year} % 400 = 0)"
    days = (f"CASE {month} WHEN 2 THEN (CASE WHEN {leap} THEN 29 ELSE 28 END) "
            f"WHEN 4 THEN 30 WHEN 6 THEN 30 WHEN 9 THEN 30 WHEN 11 THEN 30 ELSE 31 END")
    low, high = EARLIEST_BIRTH.strftime("%Y%m%d"), today.strftime("%Y%m%d")
    return (f"coalesce({b} < {low} OR {b} > {high} OR {month} < 1 OR {month} > 12 "
            f"OR {day} < 1 OR {day} > {days}, true)")


def _ascii_only(t: str) -> str:
    return f"regexp_full_match({t}, '[\\x00-\\x7f]*')"


_PERSON_18 = "[0-9]{17}[0-9X]"
_ORG_18 = f"[0-9]{{8}}[{_ORG_ALPHABET}]{{10}}"


Layer = list[tuple[str, str]]


def _alias(name: str, part: str) -> str:
    return '"' + f"{name}.{part}".replace('"', '""') + '"'


def person_id_layers(x: str, name: str, *, today: date | None = None) -> list[Layer]:
    """Three projection layers (each selects ``*`` of the one below plus these columns) that check
    and normalise the raw text column ``x``. The last layer holds ``"<name>.problem"`` (NULL or a
    problem code) and ``"<name>.id"`` (the canonical form, NULL when invalid).

    The common case — already 18 clean characters — is recognised by one regular expression and
    checked with integer arithmetic on the number's three digit groups; anything else (spaces, a
    lower-case x, a 15-digit number, garbage) takes the general path on the cleaned text."""
    today = today or date.today()
    fast, a, b, c = _alias(name, "fast"), _alias(name, "a"), _alias(name, "b"), _alias(name, "c")
    t = f"({cleaned_person_id(x)})"
    legacy_birth = f"TRY_CAST('19' || substr({t}, 7, 6) AS INTEGER)"
    general = (
        f"CASE WHEN NOT {_ascii_only(t)} THEN '{CHARACTERS}' "
        f"WHEN length({t}) = 15 THEN (CASE WHEN NOT regexp_full_match({t}, '[0-9]{{15}}') THEN '{CHARACTERS}' "
        f"WHEN {_birth_bad(legacy_birth, today)} THEN '{BIRTH_DATE}' END) "
        f"WHEN length({t}) <> 18 THEN '{LENGTH}' "
        f"WHEN NOT regexp_full_match({t}, '{_PERSON_18}') THEN '{CHARACTERS}' "
        f"WHEN {_birth_bad(f'TRY_CAST(substr({t}, 7, 8) AS INTEGER)', today)} THEN '{BIRTH_DATE}' "
        f"WHEN {_person_check(t)} <> substr({t}, 18, 1) THEN '{CHECK_DIGIT}' END"
    )
    first17 = f"(substr({t}, 1, 6) || '19' || substr({t}, 7, 9))"
    general_candidate = (f"CASE WHEN regexp_full_match({t}, '{_PERSON_18}') THEN {t} "
                         f"WHEN length({t}) = 15 AND regexp_full_match({t}, '[0-9]{{15}}') "
                         f"THEN {first17} || {_person_check(first17)} END")
    return [
        # the digit groups are read from the raw text and used only where "fast" holds (plain digits)
        [(fast, f"regexp_full_match({x}, '{_PERSON_18}')"),
         (a, f"TRY_CAST(substr({x}, 1, 6) AS INTEGER)"),
         (b, f"TRY_CAST(substr({x}, 7, 8) AS INTEGER)"),
         (c, f"TRY_CAST(substr({x}, 15, 3) AS INTEGER)")],
        [(_alias(name, "problem"), f"CASE WHEN {x} IS NULL THEN NULL WHEN {fast} THEN "
                                   f"(CASE WHEN {_birth_bad(b, today)} THEN '{BIRTH_DATE}' "
                                   f"WHEN {_person_check_ints(a, b, c)} <> substr({x}, 18, 1) THEN '{CHECK_DIGIT}' END) "
                                   f"ELSE {general} END"),
         (_alias(name, "candidate"), f"CASE WHEN {fast} THEN {x} ELSE {general_candidate} END")],
        _valid_id(name),
    ]


def _valid_id(name: str) -> Layer:
    problem, candidate = _alias(name, "problem"), _alias(name, "candidate")
    return [(_alias(name, "id"), f"CASE WHEN {problem} IS NULL THEN {candidate} END")]


def _org_check(t: str, a: str) -> str:
    """The USCC check character; ``a`` is the first eight characters (digits) as an integer."""
    terms = _int_digits(a, 8, _ORG_WEIGHTS[:8]) + [
        f"(strpos('{_ORG_ALPHABET}', substr({t}, {i + 1}, 1)) - 1) * {w}"
        for i, w in enumerate(_ORG_WEIGHTS) if i >= 8]
    return f"substr('{_ORG_ALPHABET}', 1 + ((31 - (({' + '.join(terms)}) % 31)) % 31), 1)"


def org_id_layers(x: str, name: str) -> list[Layer]:
    """As ``person_id_layers``, for a unified social credit code."""
    s, t, ok, a = _alias(name, "fast"), _alias(name, "t"), _alias(name, "ok"), _alias(name, "a")
    clean = cleaned_org_id(x)
    general = (f"CASE WHEN NOT {_ascii_only(t)} THEN '{CHARACTERS}' "
               f"WHEN length({t}) <> 18 THEN '{LENGTH}' ELSE '{CHARACTERS}' END")
    return [
        [(s, f"regexp_full_match({x}, '{_ORG_18}')")],
        [(t, f"CASE WHEN {s} THEN {x} ELSE {clean} END"),
         (ok, f"CASE WHEN {s} THEN true ELSE regexp_full_match({clean}, '{_ORG_18}') END")],
        [(a, f"TRY_CAST(substr({t}, 1, 8) AS INTEGER)")],
        [(_alias(name, "problem"), f"CASE WHEN {x} IS NULL THEN NULL WHEN {ok} THEN "
                                   f"(CASE WHEN {_org_check(t, a)} <> substr({t}, 18, 1) THEN '{CHECK_DIGIT}' END) "
                                   f"ELSE {general} END"),
         (_alias(name, "candidate"), f"CASE WHEN {ok} THEN {t} END")],
        _valid_id(name),
    ]


def layered_select(source: str, layers: list[Layer]) -> str:
    """Nest the layers over ``source`` (a table, view or parenthesised query)."""
    query = source
    for layer in layers:
        columns = ", ".join(f"{expr} AS {alias}" for alias, expr in layer)
        query = f"(SELECT *, {columns} FROM {query})"  # noqa: S608 — quoted identifiers and literals only
    return query


def merge_layers(*groups: list[Layer]) -> list[Layer]:
    """Several columns' layers side by side (layer i of each group in layer i)."""
    depth = max((len(g) for g in groups), default=0)
    return [[item for g in groups if i < len(g) for item in g[i]] for i in range(depth)]


def person_id_make_sql(first17: str) -> str:
    """17 digits completed with their check character (synthetic data, benchmarks)."""
    return f"({first17}) || {_person_check(f'({first17})')}"


def org_id_make_sql(first17: str) -> str:
    """17 USCC characters completed with their check character (synthetic data, benchmarks)."""
    t = f"({first17})"
    return f"{t} || {_org_check(t, f'TRY_CAST(substr({t}, 1, 8) AS INTEGER)')}"


def person_id_from_parts_sql(region: str, birth: str, sequence: str) -> str:
    """A valid ID number from three integer expressions: 6-digit region, YYYYMMDD birth date and
    3-digit sequence (synthetic data at scale: integer arithmetic only)."""
    text = (f"lpad(CAST({region} AS VARCHAR), 6, '0') || lpad(CAST({birth} AS VARCHAR), 8, '0') || "
            f"lpad(CAST({sequence} AS VARCHAR), 3, '0')")
    return f"{text} || {_person_check_ints(f'({region})', f'({birth})', f'({sequence})')}"
