"""Every evidence key a model declares has a label, every code a model writes has words, and the
alert page shows both in the reader's language (the ID number in the evidence still masked)."""

import re

import pytest
from django.utils import translation
from sqlglot import exp

from sunlit.engine import load_catalogue
from sunlit.engine.dialects import DIALECTS
from sunlit.engine.fixtures import load_cases
from sunlit.identity import identity_mask, person_id_make
from sunlit.registries.specs import REGISTRIES
from sunlit.supervision.evidence import (
    EVIDENCE_CODES,
    EVIDENCE_LABELS,
    LEDGER_CODES,
    MODEL_EVIDENCE_LABELS,
    evidence_label,
    evidence_rows,
    evidence_value,
)
from sunlit.supervision.models import Alert
from sunlit.supervision.scaffold import STARTERS
from tests.supervision.alerts import alert_make

PERSON = person_id_make("33010219580315222")


def test_every_declared_evidence_key_has_a_label():
    declared = {(spec.code, key) for spec in load_catalogue() for key in spec.evidence}
    assert len(declared) > 100
    assert sorted(key for _, key in declared if key not in EVIDENCE_LABELS) == []
    # a new model's starting file declares its date column: labelled too
    assert sorted(date for _, _, date, _ in STARTERS.values() if date not in EVIDENCE_LABELS) == []


def test_every_label_has_its_chinese():
    labels = list(EVIDENCE_LABELS.items()) + [(key, label) for (_, key), label in MODEL_EVIDENCE_LABELS.items()]
    labels += [(f"{key}={code}", words) for key, codes in EVIDENCE_CODES.items() for code, words in codes.items()]
    with translation.override("en"):
        english = {key: str(label) for key, label in labels}
    with translation.override("zh-hans"):
        untranslated = sorted(key for key, label in labels if str(label) == english[key])
    assert untranslated == []


CODE = re.compile(r"^[a-z][a-z_]*$")


def _written_codes(spec) -> set[tuple[str, str]]:
    """(evidence key, code) for every code literal the model's SQL gives a column it puts in its
    evidence: ``'x' as key`` and the branches of ``case … end as key`` (or ``'key': case … end``)."""
    tree = DIALECTS["duckdb"].parse(spec.sql, spec.code)
    found = set()
    for node in tree.find_all(exp.Alias, exp.PropertyEQ):
        key = node.alias if isinstance(node, exp.Alias) else node.this.name
        value = node.this if isinstance(node, exp.Alias) else node.expression
        if key not in spec.evidence:
            continue
        branches = [value]
        if isinstance(value, exp.Case):
            branches = [branch.args["true"] for branch in value.args["ifs"]] + [value.args.get("default")]
        found |= {(key, b.this) for b in branches if isinstance(b, exp.Literal) and b.is_string and CODE.match(b.this)}
    return found


def test_every_code_a_model_writes_has_words():
    written = {(spec.code, key, code) for spec in load_catalogue() for key, code in _written_codes(spec)}
    # the parse finds them: PRJ-07's findings, LAB-09's reasons, SEAL-01's missing parts, REL-06's links …
    assert {("PRJ-07", "finding", "no_resolution"), ("LAB-09", "reason", "unknown_task"),
            ("SEAL-01", "missing", "approver_and_time"), ("REL-06", "link", "household"),
            ("AST-04", "role", "lessee")} <= written
    assert len(written) >= 30
    assert sorted((c, k, v) for c, k, v in written if v not in EVIDENCE_CODES.get(k, {})) == []


def test_every_code_of_the_registers_and_ledgers_has_words():
    columns = {(s.name, c.name): c for s in REGISTRIES.values() for c in s.columns}
    assert set(columns[("enterprise_person", "role")].values) <= set(EVIDENCE_CODES["role"])
    assert set(columns[("enterprise", "status")].values) <= set(EVIDENCE_CODES["status"])
    with translation.override("zh-hans"):
        assert evidence_value("asset_type", "shop") == "店铺"
        assert evidence_value("method", "public_bidding") == "公开竞价"
        assert evidence_value("document_type", "blank") == "空白纸"
        assert evidence_value("relief_type", "minimum_living") == "最低生活保障"
        assert evidence_value("procurement_method", "direct_award") == "直接发包"


def test_every_code_in_the_fixtures_expectations_has_words():
    coded = set(EVIDENCE_CODES) | set(LEDGER_CODES)
    seen, bare = set(), []
    for spec in load_catalogue():
        for case in load_cases(spec):
            for row in case.expect:
                for key, value in (row.get("evidence") or {}).items():
                    if key in coded and value is not None:
                        seen.add(key)
                        if evidence_value(key, value) == value:
                            bare.append((spec.code, key, value))
    assert {"finding", "reason", "role", "link", "weekday", "missing"} <= seen
    assert bare == []


def test_codes_in_words_and_anything_else_as_it_is():
    with translation.override("zh-hans"):
        assert str(evidence_value("finding", "no_matching_record")) == "无对应台账记录"
        assert str(evidence_value("weekday", 0)) == "星期日"
        assert evidence_value("finding", "something_new") == "something_new"
        assert evidence_value("asset_type", "spaceship") == "spaceship"
        assert evidence_value("clash_days", 2) == 2 and evidence_value("weekday", True) is True
        assert evidence_value("role", None) is None
    with translation.override("en"):
        assert str(evidence_value("role", "legal_rep")) == "Legal representative"


def test_rows_follow_the_models_declared_order_and_show_an_unknown_key_as_it_is():
    evidence = {"clash_days": 2, "some_new_key": "x", "person_id": PERSON, "name": "赵六"}
    with translation.override("zh-hans"):
        rows = [(str(label), value) for label, value in evidence_rows(evidence, "LAB-02")]
        # LAB-02 declares person_id, name, …, clash_days; an undeclared key comes after, by name
        assert rows == [("身份证号码", PERSON), ("姓名", "赵六"), ("重复天数", 2), ("some_new_key", "x")]
        unknown_model = [str(label) for label, _value in evidence_rows(evidence)]
        assert unknown_model == ["重复天数", "姓名", "身份证号码", "some_new_key"]
        assert str(evidence_label("name", "PRJ-07")) == "项目名称"
        assert evidence_rows({}) == [] and evidence_rows(None) == []
    with translation.override("en"):
        assert str(evidence_label("other_payment_id")) == "Other payment number"


@pytest.mark.django_db
@pytest.mark.parametrize("language, shown", [
    ("zh-hans", ["身份证号码", "姓名", "派工编号", "其他付款编号", "其他付款所在村", "重复天数"]),
    ("en", ["ID number", "Name", "Dispatch number", "Other payment number", "Village of the other payment",
            "Days paid twice"]),
])
def test_the_alert_page_names_the_evidence_in_the_readers_language(language, shown, world, users, client_for,
                                                                    settings):
    alert = alert_make(world.village_a, model_code="LAB-02", severity="red")
    Alert.objects.filter(pk=alert.pk).update(evidence={
        "person_id": PERSON, "name": "赵六", "task_id": "T-7", "clash_days": 3, "other_payment_id": "LP-99",
        "other_village_code": world.village_b.code})
    client = client_for(users.liaison)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(f"/supervision/alerts/{alert.pk}/").content.decode()
    evidence = page.split('data-testid="evidence"')[1].split("</table>")[0]
    headers = [cell.split("</th>")[0] for cell in evidence.split("<th>")[1:]]
    assert headers == shown
    for key in ("person_id", "clash_days", "other_payment_id", "task_id"):
        assert key not in evidence
    assert PERSON not in page and identity_mask(PERSON) in evidence and "LP-99" in evidence


@pytest.mark.django_db
@pytest.mark.parametrize("language, shown", [
    ("zh-hans", ["合同", "无对应台账记录", "星期日"]),
    ("en", ["No matching ledger record", "Sunday"]),
])
def test_the_alert_page_gives_codes_in_words(language, shown, world, users, client_for, settings):
    alert = alert_make(world.village_a, model_code="SEAL-04", severity="red")
    Alert.objects.filter(pk=alert.pk).update(evidence={
        "seal_id": "S-1", "document_type": "contract", "finding": "no_matching_record", "weekday": 0,
        "related_id": "LS-404", "lag_minutes": 0})
    client = client_for(users.liaison)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(f"/supervision/alerts/{alert.pk}/").content.decode()
    evidence = page.split('data-testid="evidence"')[1].split("</table>")[0]
    values = [cell.split("</td>")[0] for cell in evidence.split("<td>")[1:]]
    for words in shown:
        assert words in values
    assert "no_matching_record" not in evidence and "LS-404" in values
    assert "0" in values  # a zero is shown, not left blank
