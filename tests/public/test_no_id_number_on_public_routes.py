"""On a small generated demo (the demo generator with planted anomalies, loaded through the same
imports as `sunlit demo`), every public route — every route the permission matrix calls Public —
is requested for several villages, and no response holds an ID number that exists in the data
(ledger or registries), whole or as its region-and-birth-date head."""

import csv
import io
from collections import Counter

import openpyxl
import pytest
from django.urls import reverse

from sunlit.accounts.system import command_line_actor
from sunlit.demo.loading import world_load
from sunlit.demo.planting import plant
from sunlit.demo.synthetic.generator import world_generate
from sunlit.demo.synthetic.tables import columns_of
from sunlit.labour.models import LabourPayment
from sunlit.ledger import registry as ledger_registry
from sunlit.public import selectors
from sunlit.public.services import disclosure_publish
from sunlit.regions.loading import zhejiang_load
from sunlit.relief.models import ReliefRecipient
from tests.web.test_permission_matrix import MATRIX, Public

VILLAGES = 3
# The formats a route with a ``fmt`` argument answers in.
FORMATS = {"public:village_qr": ("svg", "png"), "public:village_poster": ("png", "pdf")}


def _id_numbers(paths) -> set[str]:
    """Every resident ID number in the generated files (ledger and registries alike) and in the
    ledger tables of the database."""
    found = set()
    for table, path in paths.items():
        with path.open(encoding="utf-8", newline="") as f:
            rows = csv.reader(f)
            header = next(rows)
            assert header == columns_of(table)
            wanted = [i for i, name in enumerate(header) if name.endswith("person_id")]
            for cells in rows:
                found.update(cells[i] for i in wanted if cells[i])
    for table in ledger_registry.tables().values():
        model = table.model
        for field in model._meta.fields:
            if field.name.endswith("person_id"):
                found.update(v for v in model.objects.values_list(field.name, flat=True) if v)
    return {p for p in found if len(p) == 18}


def _text(response) -> str:
    kind = response.get("Content-Type", "")
    if "spreadsheetml" in kind:
        book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
        return "\n".join(str(v) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
                         for v in row if v is not None)
    if kind.startswith(("image/png", "application/pdf")):
        return response.content.decode("latin-1")
    return response.content.decode("utf-8")


def _public_gets():
    return sorted(name for name, rule in MATRIX.items() if isinstance(rule, Public) and rule.method == "get")


def _urls(name, village, report_code) -> list[str]:
    """Every URL of one public route for one village (each format; each labour month)."""
    from tests.routes import all_routes

    kwargs_of = {r.name: r.kwargs for r in all_routes()}
    wanted = kwargs_of[name]
    base: dict[str, str] = {}
    for kwarg in wanted:
        if kwarg == "village_code" or (kwarg == "code" and name.startswith("api:public_")):
            base[kwarg] = village
        elif kwarg == "code" and "report" in name:
            base[kwarg] = report_code          # a report's tracking code
        elif kwarg != "fmt":
            raise AssertionError(f"{name}: teach this test the argument {kwarg!r} of a public route")
    if "fmt" in wanted:
        return [reverse(name, kwargs={**base, "fmt": f}) for f in FORMATS[name]]
    url = reverse(name, kwargs=base or None)
    if name in ("public:village_labour", "public:village_labour_export", "api:public_village_labour"):
        months = selectors.labour_months(village=selectors.public_village(code=village))
        return [url] + [f"{url}?month={m}" for m in months]
    if name == "reports:new":
        return [url, f"{url}?village={village}"]
    return [url]


@pytest.mark.django_db
def test_no_public_route_shows_an_id_number_of_the_demo_data(tmp_path, client_for, settings):
    settings.SUNLIT_RELIEF_NOTICE_DAYS = 3650      # every relief approval of the demo on display
    actor = command_line_actor()
    zhejiang_load(actor=actor)
    made = world_generate(scale="county", seed=11, villages_limit=VILLAGES, quiet=True, folder=tmp_path)
    plant(made, per_code=1)
    paths = made.finish()
    world_load(made, actor=actor, paths=paths)
    numbers = _id_numbers(paths)
    assert len(numbers) > 500

    villages = [code for code, _n in Counter(LabourPayment.objects.values_list("village_code", flat=True))
                .most_common(VILLAGES)]
    assert len(villages) == VILLAGES
    # a clerk's careless disclosure quoting a relief recipient's number, and a villager's report
    from sunlit.reports.services import report_submit

    report_code = ""
    for code in villages:
        recipient = ReliefRecipient.objects.filter(village_code=code).first()
        quoted = recipient.person_id if recipient else next(iter(numbers))
        disclosure_publish(actor=actor, village_code=code, category="finance", period="2026-10",
                           title="十月救助发放", content=f"低保户（身份证号{quoted}）十月救助金已发放")
        report_code = report_code or report_submit(category="projects", village_code=code,
                                                   text="村口道路工程只修了一半。", uploads=[]).tracking_code

    client = client_for(None)
    routes = _public_gets()
    assert {"public:village", "public:village_labour", "public:village_labour_export", "public:village_qr",
            "public:village_poster", "api:public_village", "api:public_village_labour"} <= set(routes)
    seen = Counter()
    shown = ""
    for code in villages:
        for name in routes:
            for url in _urls(name, code, report_code):
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)
                text = _text(response)
                leaked = [n for n in numbers if n in text or n[:14] in text]
                assert not leaked, f"{url} shows {len(leaked)} ID numbers of the data"
                seen[name] += 1
                if name == "public:village":
                    shown += text
    # the pages did show people's rows (masked), so the scan looked at something
    assert shown.count('data-testid="relief-notice"') > 0
    assert seen["public:village_labour"] > VILLAGES and seen["public:village_labour_export"] > VILLAGES
    assert "［已隐去］" in shown
