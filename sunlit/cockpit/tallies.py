"""What each row contributes to the cockpit's tallies, in one place, used both by the incremental
updates (after each event) and by the full rebuild (from every row), so the two always agree.

A contribution is a ``Counter`` of ``(metric, key, month) → value`` at the row's village; applying
it adds the values to the village and to every region above it (township, county, city, province).

Metrics (docs/cockpit.md gives each figure's definition):

- ``alerts`` key colour, month the alert was raised (local time); ``alerts_domain`` key domain and
  ``alerts_model`` key model code (no month);
- ``cases`` key source (alert | report), month opened; ``state`` key state; ``open_due`` key the
  due date of an open case (overdue = due before today); ``closed`` key source, month closed;
- ``conclusion`` key conclusion; ``verified`` / ``confirmed`` key model code (alerts only: precision);
- ``money_fen`` (money recovered, fen), month of the disposition; ``people`` key measure;
- ``risk``: the risk score (see ``case_risk``);
- ``villages`` (villages in the tree) and ``data_on`` key the date of a village's newest ledger
  row (coverage), replaced as a whole by ``coverage_refresh``.

Villages hold only ``VILLAGE_METRICS`` (the risk ranking and coverage): a village has tens of rows,
so its other figures are computed from its own rows when asked (``sunlit.cockpit.services.live_rows``);
townships and everything above hold every metric.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from sunlit.cases.models import OPEN_STATES, Conclusion, SourceKind, State
from sunlit.regions import codes

CONFIRMED = (Conclusion.CONFIRMED, Conclusion.PARTLY_CONFIRMED)
OPEN = frozenset(str(s) for s in OPEN_STATES)
# Risk weights: a case weighs by its colour (a citizen report like a blue alert), nothing once it
# was verified unfounded, and counts RISK_CONFIRMED_BONUS more once confirmed (wholly or partly).
RISK_WEIGHT = {"red": 3, "yellow": 2, "blue": 1, "": 1}
RISK_CONFIRMED_BONUS = 2
VILLAGE_METRICS = frozenset({"risk", "villages", "data_on"})


def month_of(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return timezone.localtime(moment).strftime("%Y-%m")


@dataclass(frozen=True)
class CaseFacts:
    """The fields of a case the tallies read (nothing else of a case changes a figure)."""

    village_code: str
    source_kind: str
    severity: str
    model_code: str
    state: str
    conclusion: str
    due_on: date | None
    opened_month: str
    closed_month: str


@dataclass(frozen=True)
class DispositionFacts:
    month: str
    money_fen: int
    measures: tuple[str, ...]


def case_risk(f: CaseFacts) -> int:
    if f.conclusion == Conclusion.UNFOUNDED:
        return 0
    weight = RISK_WEIGHT.get(f.severity if f.source_kind == SourceKind.ALERT else "", 1)
    return weight + (RISK_CONFIRMED_BONUS if f.conclusion in CONFIRMED else 0)


def case_contribution(f: CaseFacts, n: int = 1) -> Counter:
    c: Counter = Counter()
    c[("cases", f.source_kind, f.opened_month)] += n
    c[("state", f.state, "")] += n
    if f.state in OPEN and f.due_on is not None:
        c[("open_due", f.due_on.isoformat(), "")] += n
    if f.state == State.CLOSED and f.closed_month:
        c[("closed", f.source_kind, f.closed_month)] += n
    if f.conclusion:
        c[("conclusion", f.conclusion, "")] += n
        if f.source_kind == SourceKind.ALERT:
            c[("verified", f.model_code, "")] += n
            if f.conclusion in CONFIRMED:
                c[("confirmed", f.model_code, "")] += n
    risk = case_risk(f) * n
    if risk:
        c[("risk", "", "")] += risk
    return c


def disposition_contribution(d: DispositionFacts | None) -> Counter:
    c: Counter = Counter()
    if d is None:
        return c
    if d.money_fen:
        c[("money_fen", "", d.month)] += d.money_fen
    for measure in d.measures:
        c[("people", measure, "")] += 1
    return c


def alert_contribution(severity: str, domain: str, model_code: str, month: str, n: int = 1) -> Counter:
    return Counter({("alerts", severity, month): n, ("alerts_domain", domain, ""): n,
                    ("alerts_model", model_code, ""): n})


def fen(amount: Decimal | None) -> int:
    return int((amount or Decimal(0)) * 100)


def chain_of(code: str) -> list[str]:
    """The code and every code above it, up to the province."""
    out = []
    while code:
        out.append(code)
        code = codes.parent_code_of(code)
    return out


def roll_up(by_village: dict[str, Counter]) -> dict[tuple[str, str, str, str], int]:
    """Village contributions → {(region, metric, key, month): value} at the village (its
    ``VILLAGE_METRICS`` only) and at every level above."""
    out: Counter = Counter()
    for village, contribution in by_village.items():
        if not codes.is_well_formed(village):
            continue
        chain = chain_of(village)
        above = chain[1:] if codes.level_of(village) == "village" else chain
        for (metric, key, month), value in contribution.items():
            if value:
                for code in (chain if metric in VILLAGE_METRICS else above):
                    out[(code, metric, key, month)] += value
    return out


_UPSERT = ("INSERT INTO cockpit_tally (region_code, level, metric, key, month, value) VALUES {} "
           "ON CONFLICT (region_code, metric, key, month) DO UPDATE SET value = cockpit_tally.value + excluded.value")
_UPSERT_ROWS = 500   # rows per statement (each row key appears once: the deltas are summed first)


def apply(by_village: dict[str, Counter]) -> int:
    """Add the contributions (deltas, may be negative) to the tallies; rows in a fixed order so
    that two transactions touching the same regions cannot deadlock. Returns the rows touched."""
    deltas = roll_up(by_village)
    rows = [(code, codes.level_of(code), metric, key, month, value)
            for (code, metric, key, month), value in sorted(deltas.items()) if value]
    with connection.cursor() as cursor:
        for i in range(0, len(rows), _UPSERT_ROWS):
            chunk = rows[i:i + _UPSERT_ROWS]
            cursor.execute(_UPSERT.format(", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(chunk))),
                           [v for row in chunk for v in row])
    return len(rows)
