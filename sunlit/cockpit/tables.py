"""Every chart's numbers as tables: the page shows them under each chart and the XLSX export
writes one sheet per table, from the same function."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from sunlit.cases.models import Conclusion, Measure, State


@dataclass
class Table:
    slug: str
    title: str
    header: list[str]
    rows: list[list]


DOMAINS = ("labour", "relief", "projects", "assets", "procurement", "seals")


def _colour(c):
    return {"red": _("Red"), "yellow": _("Yellow"), "blue": _("Blue")}.get(c, c)


def domain_label(d):
    return {"labour": _("Labour"), "relief": _("Relief"), "projects": _("Projects"), "assets": _("Assets"),
            "procurement": _("Procurement"), "seals": _("Seals")}.get(d, d)


def _item(i):
    return {"labour_dispatches": _("Labour dispatches"), "seal_uses": _("Seal uses"),
            "labour_payments": _("Labour payments"), "project_payments": _("Project payments"),
            "purchases": _("Purchases"), "relief_payments": _("Relief payments"),
            "rent_receipts": _("Rent receipts")}.get(i, i)


def pct(rate: float | None) -> float | None:
    return None if rate is None else round(rate * 100, 1)


def label_maps() -> dict:
    return {"state": dict(State.choices), "measure": dict(Measure.choices), "conclusion": dict(Conclusion.choices)}


def figure_tables(*, figures: dict, children: list[dict], villages: list[dict], townships: list[dict],
                  high_frequency: list[dict], extra: dict | None = None) -> list[Table]:
    labels = label_maps()
    f = figures
    tables = [
        Table("headline", _("Headline figures"), [_("Figure"), _("Value")], [
            [_("Villages"), f["coverage"]["villages"]],
            [_("Villages with current data"), f["coverage"]["current"]],
            [_("Village coverage (%)"), pct(f["coverage"]["rate"])],
            [_("Alerts issued"), f["alerts"]["total"]],
            [_("Cases opened"), f["cases"]["opened"]],
            [_("Cases open"), f["cases"]["open"]],
            [_("Cases overdue"), f["cases"]["overdue"]],
            [_("Cases closed"), f["cases"]["closed"]],
            [_("Citizen reports"), f["reports"]["total"]],
            [_("People handled"), f["people"]["total"]],
            [_("Money recovered (10,000 yuan)"), f["money"]["wan"]],
            [_("Risk score"), f["risk"]],
        ]),
        Table("alerts_colour", _("Alerts by colour"), [_("Colour"), _("Alerts")],
              [[_colour(c), n] for c, n in f["alerts"]["by_colour"].items()]),
        Table("alerts_domain", _("Alerts by domain"), [_("Domain"), _("Alerts")],
              [[domain_label(d), n] for d, n in f["alerts"]["by_domain"].items()]),
        Table("alerts_model", _("Alerts by model"), [_("Model"), _("Alerts")],
              [[m, n] for m, n in f["alerts"]["by_model"].items()]),
        Table("alerts_month", _("Alerts by month"), [_("Month"), _("Red"), _("Yellow"), _("Blue")],
              [[m, v["red"], v["yellow"], v["blue"]] for m, v in f["alerts"]["by_month"].items()]),
        Table("cases_month", _("Cases opened and closed by month"), [_("Month"), _("Opened"), _("Closed")],
              [[m, n, f["cases"]["closed_by_month"].get(m, 0)] for m, n in f["cases"]["opened_by_month"].items()]),
        Table("cases_state", _("Cases by state"), [_("State"), _("Cases")],
              [[str(labels["state"].get(s, s)), n] for s, n in f["cases"]["by_state"].items()]),
        Table("people", _("People handled by measure"), [_("Measure"), _("People")],
              [[str(labels["measure"].get(m, m)), n] for m, n in f["people"]["by_measure"].items()]),
        Table("money_month", _("Money recovered by month (10,000 yuan)"), [_("Month"), _("10,000 yuan")],
              [[m, v] for m, v in f["money"]["by_month"].items()]),
        Table("precision", _("Model precision"), [_("Model"), _("Verified"), _("Confirmed"), _("Precision (%)")],
              [[m, p["verified"], p["confirmed"], pct(p["precision"])] for m, p in f["precision"].items()]),
        Table("high_frequency", _("Today's high-frequency items"), [_("High-frequency item"), _("Domain"), _("Count"), _("Amount (yuan)")],
              [[_item(h["item"]), domain_label(h["domain"]), h["count"], h["amount"]] for h in high_frequency]),
        Table("children", _("Subordinate regions"),
              [_("Code"), _("Name"), _("Village coverage (%)"), _("Alerts"), _("Cases open"), _("Overdue"),
               _("Closed"), _("10,000 yuan"), _("Risk score")],
              [[c["code"], c["name"], pct(c["coverage"]), c["alerts"], c["open"], c["overdue"], c["closed"],
                c["money_wan"], c["risk"]] for c in children]),
        Table("rank_townships", _("Townships by risk"), [_("Rank"), _("Code"), _("Name"), _("Risk score")],
              [[r["rank"], r["code"], r["name"], r["risk"]] for r in townships]),
        Table("rank_villages", _("Villages by risk"), [_("Rank"), _("Code"), _("Name"), _("Risk score")],
              [[r["rank"], r["code"], r["name"], r["risk"]] for r in villages]),
    ]
    tables += extra_tables(extra or {})
    return tables


def extra_tables(extra: dict) -> list[Table]:
    """The closed-loop and satisfaction panels (absent when their app is not installed)."""
    out = []
    if extra.get("problem_lists") is not None:
        p = extra["problem_lists"]
        out.append(Table("problem_lists", _("Problem lists"), [_("Figure"), _("Value")], [
            [_("Problem lists issued"), p["lists"]], [_("Problems listed"), p["problems"]],
            [_("Money involved (yuan)"), p["money_involved"]], [_("Money recovered (yuan)"), p["money_recovered"]]]))
    if extra.get("campaigns") is not None:
        out.append(Table("campaigns", _("Campaigns and progress"),
                         [_("Campaign"), _("Starts"), _("Ends"), _("Tasks"), _("Done"), _("Verified"), _("Progress (%)")],
                         [[c["title"], c["starts_on"], c["ends_on"], c["tasks"], c["done"], c["verified"],
                           pct(c["progress"])] for c in extra["campaigns"]]))
    if extra.get("reforms") is not None:
        r = extra["reforms"]
        out.append(Table("reforms", _("Reforms"), [_("Level"), _("Reform records")], [
            [_("Province"), r["province"]], [_("City"), r["city"]], [_("County"), r["county"]],
            [_("Total"), r["total"]]]))
    if extra.get("satisfaction") is not None:
        s = extra["satisfaction"]
        out.append(Table("satisfaction", _("Citizen reports and satisfaction"), [_("Figure"), _("Value")], [
            [_("Citizen reports"), s["reports"]], [_("Ratings"), s["rated"]],
            [_("Satisfied"), s["by_value"].get("satisfied", 0)],
            [_("Basically satisfied"), s["by_value"].get("basically", 0)],
            [_("Not satisfied"), s["by_value"].get("unsatisfied", 0)],
            [_("Satisfaction (%)"), pct(s["satisfaction"])]]))
    return out
