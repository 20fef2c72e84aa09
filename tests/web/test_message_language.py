"""Messages written "中文 / English" (domain errors, refusals of forms) reach a page in the reader's
language only: the Chinese half on the Chinese page, the English half on the English page. The API
keeps both halves."""

import pytest
from django.utils import translation

from sunlit.cases.models import Case
from sunlit.closedloop.models import Campaign
from sunlit.errors import in_language
from sunlit.public.models import Disclosure
from tests.cases.records import case_make
from tests.entry.conftest import VILLAGE_A


@pytest.mark.parametrize(("message", "zh", "en"), [
    ("不是数字 / not a number", "不是数字", "not a number"),
    ("案件状态已被他人更新，请刷新 / the case was changed by someone else: reload it",
     "案件状态已被他人更新，请刷新", "the case was changed by someone else: reload it"),
    # the Chinese half quotes a value holding " / ": the split is the first " / " after the last
    # Chinese character (the English half never holds Chinese)
    ("编号 A / B 不存在 / key A / B not found", "编号 A / B 不存在", "key A / B not found"),
])
def test_the_readers_half(message, zh, en):
    assert in_language(message, "zh-hans") == zh
    assert in_language(message, "en") == en
    with translation.override("en"):
        assert in_language(message) == en
    with translation.override("zh-hans"):
        assert in_language(message) == zh


@pytest.mark.parametrize("message", ["没有这个办理步骤", "either / or", "3 · amount: required", "月度 2026 / ", ""])
def test_a_message_that_is_not_bilingual_is_unchanged(message):
    assert in_language(message, "en") == message and in_language(message, "zh-hans") == message


def _english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_domain_error_page(users, world, client_for, settings):
    case = case_make(world.village_a)
    client = client_for(users.liaison)
    zh = client.post(f"/cases/{case.pk}/no_such_step/")
    assert zh.status_code == 404
    assert "没有这个办理步骤" in zh.content.decode() and "no such step" not in zh.content.decode()
    en = _english(client, settings).post(f"/cases/{case.pk}/no_such_step/").content.decode()
    assert "no such step" in en and "没有这个办理步骤" not in en


def test_a_case_step_refusal(users, world, client_for, settings):
    from sunlit.cases import services

    case = case_make(world.village_a)
    services.case_dispatch(case_id=case.pk, actor=users.township_officer)
    liaison = client_for(users.liaison)
    for step, data in (("take", {}), ("start_verification", {}), ("verify", {"conclusion": "confirmed"})):
        liaison.post(f"/cases/{case.pk}/{step}/", data)
    zh = liaison.post(f"/cases/{case.pk}/dispose/", {"money_recovered": "abc"}, follow=True).content.decode()
    assert "不是数字" in zh and "not a number" not in zh
    en = _english(liaison, settings).post(f"/cases/{case.pk}/dispose/", {"money_recovered": "abc"},
                                          follow=True).content.decode()
    assert "money_recovered: not a number" in en and "不是数字" not in en
    assert Case.objects.get(pk=case.pk).state == "verified"


_BAD_CAMPAIGN = {"title": "x", "region_code": "330102001000", "target_kind": "model", "target_model": "LAB-05",
                 "starts_on": "2026-06-30", "ends_on": "2026-06-01"}


def test_a_closed_loop_form_refusal(users, world, client_for, settings):
    inspector = client_for(users.inspector_a)
    zh = inspector.post("/loop/campaigns/", _BAD_CAMPAIGN, follow=True).content.decode()
    zh_errors = zh.split('class="messages"')[1].split("</ul>")[0]
    assert "专项治理信息有误，未保存" in zh_errors and "ends_on 2026-06-01: 结束日期早于开始日期" in zh_errors
    assert "nothing was saved" not in zh_errors and "the end is before the start" not in zh_errors
    en = _english(inspector, settings).post("/loop/campaigns/", _BAD_CAMPAIGN, follow=True).content.decode()
    en_errors = en.split('class="messages"')[1].split("</ul>")[0]
    assert "the campaign has errors; nothing was saved" in en_errors
    assert "ends_on 2026-06-01: the end is before the start" in en_errors
    assert not any("\u4e00" <= c <= "\u9fff" for c in en_errors)
    assert not Campaign.objects.exists()


def test_the_disclosure_publish_page(users, world, client_for, settings):
    client = client_for(users.clerk)
    bad = {"category": "finance", "period": "2026Q3", "title": "x", "content": "y"}
    zh = client.post(f"/v/{VILLAGE_A}/disclosures/publish/", bad)
    assert zh.status_code == 422
    assert "期间格式应为 YYYY-MM" in zh.content.decode() and "the period is written" not in zh.content.decode()
    en = _english(client, settings).post(f"/v/{VILLAGE_A}/disclosures/publish/", bad).content.decode()
    assert "the period is written YYYY-MM" in en and "期间格式应为" not in en
    assert not Disclosure.objects.exists()


def test_the_api_keeps_both_halves(users, world, api_client_for, settings):
    client = api_client_for(users.inspector_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post("/api/v1/loop/campaigns", _BAD_CAMPAIGN, content_type="application/json")
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "专项治理信息有误，未保存 / the campaign has errors; nothing was saved"
    assert "结束日期早于开始日期 / the end is before the start" in [e["message"] for e in body["errors"]]
