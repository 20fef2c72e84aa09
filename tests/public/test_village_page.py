"""The village's public page (村务清): basics and cadres, disclosures by period, projects, leases,
procurement and relief notices, masked by rule; the report link; escaped text; unknown villages."""

from datetime import timedelta

from django.utils import timezone

from sunlit.identity import person_id_make
from sunlit.public.services import disclosure_publish
from tests.entry.conftest import CADRE_WANG, OUYANG, VILLAGE_A, VILLAGE_B, ZHANG
from tests.entry.records import ORG

BANK = "6222021234567890123"


def _today():
    return timezone.localdate()


def _village_a_ledger(ledger):
    ledger("cadre", village_code=VILLAGE_A, person_id=CADRE_WANG, name="王建国", position="村委会主任",
           term_start="2024-01-01", term_end="2028-12-31")
    ledger("cadre", village_code=VILLAGE_A, person_id=OUYANG, name="欧阳娜娜", position="村文书",
           term_start="2019-01-01", term_end="2023-12-31")   # no longer in office
    ledger("project", project_id="PRJ-1", village_code=VILLAGE_A, name="村道硬化", category="道路",
           budget_amount="380000", procurement_method="inquiry", contractor_org_id=ORG,
           contractor_name="清溪建设有限公司", contract_amount="365000.00", contract_date="2026-03-01",
           start_date="2026-03-10")
    ledger("project_payment", payment_id="PP-1", project_id="PRJ-1", village_code=VILLAGE_A,
           pay_date="2026-04-01", amount="100000", payee_org_id=ORG, voucher_no=f"卡号{BANK}")
    ledger("project", project_id="PRJ-2", village_code=VILLAGE_A, name="池塘清淤", category="水利",
           budget_amount="50000", contractor_name="赵六一", contract_amount="48000", contract_date="2026-05-01")
    ledger("asset", asset_id="AST-1", village_code=VILLAGE_A, name="村东店铺", asset_type="shop", status="leased")
    ledger("lease", lease_id="L-1", asset_id="AST-1", village_code=VILLAGE_A, lessee_person_id=ZHANG,
           lessee_name="李四光", method="negotiation", annual_rent="12000", start_date="2026-01-01",
           end_date="2027-12-31")
    ledger("purchase", purchase_id="PU-1", village_code=VILLAGE_A, item="垃圾桶", category="环卫",
           quantity="20", unit="个", unit_price="150", amount="3000", supplier_name="钱七", method="quotation",
           purchase_date="2026-06-01", approved_by="王建国")
    ledger("project", project_id="PRJ-B", village_code=VILLAGE_B, name="后塘桥梁", category="道路",
           budget_amount="1000")


def test_the_page_shows_each_public_ledger_masked(world, users, ledger, client_for):
    _village_a_ledger(ledger)
    body = client_for(None).get(f"/v/{VILLAGE_A}/").content.decode()
    assert "前山村" in body and "清溪街道" in body and "上城区" in body
    # cadres in office today: masked name, post, term; the former clerk is not listed
    assert "王*国" in body and "村委会主任" in body and "2024-01-01" in body
    assert "王建国" not in body and "欧**娜" not in body and "村文书" not in body
    # projects: budget, method, contractor (an organisation by name, a person masked), amount, progress, payments
    assert "村道硬化" in body and "380000.00" in body and "询价" in body and "清溪建设有限公司" in body
    assert "365000.00" in body and "100000.00" in body and "2026-04-01" in body
    assert "赵*一" in body and "赵六一" not in body
    # leases: a person as lessee is masked; procurement: a person as supplier is masked
    assert "村东店铺" in body and "李*光" in body and "李四光" not in body and "12000.00" in body
    assert "垃圾桶" in body and "3000.00" in body and "钱*" in body and "钱七" not in body
    # the other village's records are not on this page; no ID or bank number anywhere
    assert "后塘桥梁" not in body
    for number in (CADRE_WANG, OUYANG, ZHANG, BANK, ORG):
        assert number not in body
    # the report link and the labour link
    assert f'href="/r/new/?village={VILLAGE_A}"' in body
    assert f'href="/v/{VILLAGE_A}/labour/"' in body


def test_disclosures_by_period_newest_first(world, users, client_for):
    disclosure_publish(actor=users.clerk, village_code=VILLAGE_A, category="finance", period="2026-09",
                       title="九月财务收支", content="收入 12,000.00 元")
    disclosure_publish(actor=users.clerk, village_code=VILLAGE_A, category="party", period="2026Q3",
                       title="三季度党务", content="发展党员一名")
    disclosure_publish(actor=users.admin, village_code=VILLAGE_B, category="finance", period="2026-09",
                       title="后塘财务", content="—")
    disclosure_publish(actor=users.clerk, village_code=VILLAGE_A, category="finance", period="2026-10",
                       title="十月财务收支", content="收入 9,000.00 元")
    body = client_for(None).get(f"/v/{VILLAGE_A}/").content.decode()
    assert (body.index('data-period="2026-10"') < body.index('data-period="2026Q3"')
            < body.index('data-period="2026-09"'))
    assert "九月财务收支" in body and "收入 12,000.00 元" in body and "三季度党务" in body
    assert "后塘财务" not in body


def test_a_relief_notice_is_withdrawn_when_its_display_period_ends(world, users, ledger, client_for, settings):
    settings.SUNLIT_RELIEF_NOTICE_DAYS = 30
    today = _today()
    fresh, old, ended = (person_id_make(f"3301021950010{i}123") for i in range(1, 4))
    ledger("relief_recipient", person_id=fresh, village_code=VILLAGE_A, relief_type="minimum_living",
           approved_date=(today - timedelta(days=29)).isoformat(), monthly_amount="810.00")
    ledger("relief_recipient", person_id=old, village_code=VILLAGE_A, relief_type="extreme_poverty",
           approved_date=(today - timedelta(days=30)).isoformat(), monthly_amount="920.00")
    ledger("relief_recipient", person_id=ended, village_code=VILLAGE_A, relief_type="temporary",
           approved_date=(today - timedelta(days=5)).isoformat(), end_date=(today - timedelta(days=1)).isoformat(),
           monthly_amount="500.00")
    body = client_for(None).get(f"/v/{VILLAGE_A}/").content.decode()
    assert body.count('data-testid="relief-notice"') == 1
    assert "810.00" in body and "最低生活保障" in body
    assert "920.00" not in body and "500.00" not in body     # past 30 days; relief already ended
    assert fresh not in body and old not in body
    settings.SUNLIT_RELIEF_NOTICE_DAYS = 60                    # the display period is configurable
    body = client_for(None).get(f"/v/{VILLAGE_A}/").content.decode()
    assert body.count('data-testid="relief-notice"') == 2 and "920.00" in body and "500.00" not in body


def test_text_from_the_ledger_is_escaped(world, users, ledger, client_for):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    ledger("project", project_id="PRJ-X", village_code=VILLAGE_A, name=payload, category="道路",
           budget_amount="1000", contractor_name=payload)
    disclosure_publish(actor=users.clerk, village_code=VILLAGE_A, category="village", period="2026Q3",
                       title=payload, content=payload)
    for url in (f"/v/{VILLAGE_A}/", f"/v/{VILLAGE_A}/disclosures/publish/"):
        client = client_for(users.clerk if "publish" in url else None)
        body = client.get(url).content.decode()
        assert "<script>alert" not in body and "<img src=x" not in body
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body or "&lt;script&gt;" in body


def test_free_text_never_carries_an_id_or_bank_number(world, users, client_for):
    disclosure_publish(actor=users.clerk, village_code=VILLAGE_A, category="finance", period="2026-09",
                       title="补助发放", content=f"张三（身份证 {ZHANG}）补助 300 元，已转入 {BANK}")
    body = client_for(None).get(f"/v/{VILLAGE_A}/").content.decode()
    assert "补助 300 元" in body and ZHANG not in body and BANK not in body and "［已隐去］" in body


def test_unknown_villages_and_other_levels_are_not_found(world, client_for):
    client = client_for(None)
    assert client.get("/v/330102001000/").status_code == 404
    assert client.get("/v/999999999999/").status_code == 404
    assert client.get("/v/nonsense/").status_code == 404


def test_english_is_switchable(world, client_for):
    client = client_for(None)
    assert "我要反映" in client.get(f"/v/{VILLAGE_A}/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Make a report" in client.get(f"/v/{VILLAGE_A}/").content.decode()
