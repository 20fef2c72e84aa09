"""Every evidence key a model declares has a label, and the alert page shows the labels in the
reader's language (the ID number in the evidence still masked)."""

import pytest
from django.utils import translation

from sunlit.engine import load_catalogue
from sunlit.identity import identity_mask, person_id_make
from sunlit.supervision.evidence import EVIDENCE_LABELS, MODEL_EVIDENCE_LABELS, evidence_label, evidence_rows
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
    with translation.override("en"):
        english = {key: str(label) for key, label in labels}
    with translation.override("zh-hans"):
        untranslated = sorted(key for key, label in labels if str(label) == english[key])
    assert untranslated == []


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
