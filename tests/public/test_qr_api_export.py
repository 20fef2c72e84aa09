"""The QR code and poster of a village, the public JSON API and the labour export: anonymous, and
the same masked rows as the pages."""

import io
from datetime import timedelta

import openpyxl
from django.utils import timezone
from PIL import Image

from sunlit.identity import person_id_make
from sunlit.public import posters
from sunlit.public.services import disclosure_publish
from tests.entry.conftest import OUYANG, VILLAGE_A, VILLAGE_B, ZHANG


def _decode_qr_modules(png: bytes):
    """The QR symbol as a matrix of dark modules (segno writes scale×scale pixels per module)."""
    image = Image.open(io.BytesIO(png)).convert("L")
    return image.size


def test_the_qr_code_encodes_the_village_page_address(world, client_for, settings):
    settings.SUNLIT_PUBLIC_BASE_URL = "https://cunwu.example.gov.cn/"
    assert posters.village_url(VILLAGE_A) == f"https://cunwu.example.gov.cn/v/{VILLAGE_A}/"
    client = client_for(None)
    svg = client.get(f"/v/{VILLAGE_A}/qr.svg")
    assert svg.status_code == 200 and svg["Content-Type"] == "image/svg+xml"
    assert svg.content.lstrip().startswith(b"<svg")
    png = client.get(f"/v/{VILLAGE_A}/qr.png")
    assert png.status_code == 200 and png.content[:8] == b"\x89PNG\r\n\x1a\n"
    import segno

    expected = segno.make(f"https://cunwu.example.gov.cn/v/{VILLAGE_A}/", error="m", micro=False)
    assert png.content == posters.qr_png(f"https://cunwu.example.gov.cn/v/{VILLAGE_A}/")
    assert _decode_qr_modules(png.content)[0] == (expected.symbol_size(scale=10, border=2))[0]
    assert client.get(f"/v/{VILLAGE_A}/qr.gif").status_code == 404
    assert client.get("/v/330102001000/qr.svg").status_code == 404


def test_the_poster_is_an_a4_png_and_pdf(world, client_for):
    client = client_for(None)
    png = client.get(f"/v/{VILLAGE_A}/poster.png")
    assert png.status_code == 200 and png["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(png.content))
    assert image.size == posters.A4_PIXELS
    pdf = client.get(f"/v/{VILLAGE_A}/poster.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert b"/MediaBox [ 0 0 595.2 841.92 ]" in pdf.content   # A4 in points (210 × 297 mm ≈ 595 × 842 pt)
    assert client.get(f"/v/{VILLAGE_A}/poster.svg").status_code == 404


def test_the_poster_falls_back_without_a_cjk_font(world):
    with_font = posters.poster_image(village_name="前山村", township="清溪街道", code=VILLAGE_A)
    without = posters.poster_image(village_name="前山村", township="清溪街道", code=VILLAGE_A, use_cjk=False)
    assert with_font.size == without.size == posters.A4_PIXELS
    assert with_font.tobytes() != without.tobytes()
    if posters.cjk_font_path() is not None:
        assert "CJK" in posters.cjk_font_path()


def test_the_public_api_is_anonymous_and_masked(world, users, ledger, client_for):
    ledger("cadre", village_code=VILLAGE_A, person_id=OUYANG, name="欧阳娜娜", position="村委会主任",
           term_start="2024-01-01")
    today = timezone.localdate()
    ledger("relief_recipient", person_id=ZHANG, village_code=VILLAGE_A, relief_type="minimum_living",
           approved_date=(today - timedelta(days=3)).isoformat(), monthly_amount="810.00")
    disclosure_publish(actor=users.clerk, village_code=VILLAGE_A, category="village", period="2026Q3",
                       title="三季度村务", content=f"补助名单（{ZHANG}）")
    client = client_for(None)
    response = client.get(f"/api/v1/public/villages/{VILLAGE_A}")
    assert response.status_code == 200
    data = response.json()
    assert data["name"] == "前山村" and data["report_url"] == f"/r/new/?village={VILLAGE_A}"
    assert data["cadres"] == [{"name": "欧**娜", "position": "村委会主任", "term_start": "2024-01-01", "term_end": None}]
    assert data["disclosures"][0]["title"] == "三季度村务" and ZHANG not in data["disclosures"][0]["content"]
    assert data["relief_notices"][0]["monthly_amount"] == "810.00"
    assert ZHANG not in response.content.decode() and OUYANG not in response.content.decode()
    assert client.get(f"/api/v1/public/villages/{VILLAGE_A[:9]}000").status_code == 404


def _pay(ledger, payment_id, person_id, name, day):
    ledger("labour_payment", payment_id=payment_id, village_code=VILLAGE_A, task_id="T-A", person_id=person_id,
           name=name, days="2", daily_rate="150", amount="300", paid_date=day)


def test_the_labour_api_and_export_hold_the_masked_rows(world, users, ledger, task_a, client_for):
    _pay(ledger, "P1", ZHANG, "张三", "2026-11-23")
    _pay(ledger, "P2", OUYANG, "欧阳娜娜", "2026-11-24")
    _pay(ledger, "P3", person_id_make("33010219900101555"), "李四", "2026-10-02")
    client = client_for(None)
    api = client.get(f"/api/v1/public/villages/{VILLAGE_A}/labour").json()
    assert api["month"] == "2026-11" and api["months"] == ["2026-11", "2026-10"]
    assert [(x["day"], x["task"], x["name"], x["amount"]) for x in api["lines"]] == [
        ("2026-11-24", "河道清理", "欧**娜", "300.00"), ("2026-11-23", "河道清理", "张*", "300.00")]
    export = client.get(f"/v/{VILLAGE_A}/labour.xlsx?month=2026-10")
    assert export.status_code == 200 and "spreadsheetml" in export["Content-Type"]
    sheet = openpyxl.load_workbook(io.BytesIO(export.content), read_only=True).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["日期", "任务", "姓名", "天数", "报酬（元）"]
    assert rows[1:] == [["2026-10-02", "河道清理", "李*", 2, 300]]
    text = export.content
    for number in (ZHANG, OUYANG):
        assert number.encode() not in text
    assert client.get(f"/api/v1/public/villages/{VILLAGE_B}/labour").json()["lines"] == []


def test_the_labour_export_writes_formula_like_text_as_text(world, users, ledger, client_for):
    """A task title written like a spreadsheet formula reaches the public workbook as text: a
    villager who opens it in Excel runs nothing."""
    evil = '=HYPERLINK("http://evil.example/","详情")'
    ledger("labour_task", task_id="T-F", village_code=VILLAGE_A, title=evil, category="保洁",
           dispatch_date="2026-11-20", planned_days="3", planned_workers="2")
    ledger("labour_payment", payment_id="PF", village_code=VILLAGE_A, task_id="T-F", person_id=ZHANG,
           name="张三", days="2", daily_rate="150", amount="300", paid_date="2026-11-23")
    export = client_for(None).get(f"/v/{VILLAGE_A}/labour.xlsx?month=2026-11")
    assert export.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    task = sheet.cell(row=2, column=2)
    assert (task.value, task.data_type) == (evil, "s")


def test_a_month_that_is_not_one_falls_back_to_the_newest_everywhere(world, users, ledger, task_a, client_for):
    _pay(ledger, "P1", ZHANG, "张三", "2026-11-23")
    client = client_for(None)
    for month in ("0000-01", "2026-13", "x"):
        assert client.get(f"/api/v1/public/villages/{VILLAGE_A}/labour?month={month}").json()["month"] == "2026-11"
        page = client.get(f"/v/{VILLAGE_A}/labour/?month={month}")
        assert page.status_code == 200 and "张*" in page.content.decode()
        export = client.get(f"/v/{VILLAGE_A}/labour.xlsx?month={month}")
        assert export.status_code == 200 and f"labour-{VILLAGE_A}-2026-11.xlsx" in export["Content-Disposition"]
