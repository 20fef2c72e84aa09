"""The case page's context: the model behind an alert, the subject's records across every ledger
domain (read through the reader's scope, identity numbers masked) and the related cases."""

import pytest

from sunlit.cases import selectors
from sunlit.identity import identity_mask
from tests.cases.records import alert_case, case_make
from tests.ledger.conftest import CADRE, ORG, WORKER
from tests.ledger.records import record_in


@pytest.fixture
def ledgers(world):
    """The same worker and the same company with records in both counties (a relief approval is one
    per person, type and date: written last for county A, it stays there)."""
    made = {}
    for village in (world.village_b.code, world.village_a.code):
        for table in ("labour_payment", "relief_recipient", "relief_payment", "lease", "purchase", "project",
                      "project_payment", "seal_usage", "cadre"):
            made[(table, village)] = record_in(table, village)
    return made


def _keys(records):
    return {s.key: s for s in records.sections}


def test_a_labour_payment_leads_to_all_of_the_workers_records(users, world, ledgers):
    payment = ledgers[("labour_payment", world.village_a.code)]
    records = selectors.subject_records(user=users.inspector_a, subject_type="labour_payment",
                                        subject_id=payment.payment_id)
    assert records.party_kind == "person" and records.party_name == "赵六"
    assert records.party_masked == identity_mask(WORKER) and WORKER not in records.party_masked
    sections = _keys(records)
    assert set(sections) == {"labour_payment", "relief_recipient", "relief_payment", "lease"}
    # county A's inspector sees county A's rows only: one of each, never county B's village
    for section in sections.values():
        assert section.count == 1
        assert all(world.village_b.code not in cell for row in section.rows for cell in row)
    assert sections["labour_payment"].current == {0} and sections["labour_payment"].total == 450
    assert ("labour_payment", payment.payment_id) in records.refs
    assert ("relief_recipient", f"{WORKER}/minimum_living") in records.refs
    text = str([s.rows for s in records.sections])
    assert WORKER not in text

    everywhere = _keys(selectors.subject_records(user=users.admin, subject_type="labour_payment",
                                                 subject_id=payment.payment_id))
    assert everywhere["labour_payment"].count == 2 and everywhere["lease"].count == 2
    assert everywhere["labour_payment"].total == 900


def test_a_seal_use_leads_to_the_approver_their_posts_and_name_matched_applications(users, world, ledgers):
    usage = ledgers[("seal_usage", world.village_a.code)]
    records = selectors.subject_records(user=users.inspector_a, subject_type="seal_usage", subject_id=usage.usage_id)
    assert records.party_kind == "person" and records.party_masked == identity_mask(CADRE)
    assert records.party_name == "张三"             # from the cadre register
    sections = _keys(records)
    assert {"seal_usage_approved", "seal_custody", "cadre", "seal_usage_applied"} <= set(sections)
    assert sections["cadre"].rows[0][:2] == [world.village_a.code, "村委会主任"]
    assert sections["seal_usage_applied"].rows[0][2] == "张三"
    assert sections["seal_usage_approved"].current == {0}


def test_a_purchase_leads_to_the_suppliers_business(users, world, ledgers):
    purchase = ledgers[("purchase", world.village_a.code)]
    records = selectors.subject_records(user=users.inspector_a, subject_type="purchase",
                                        subject_id=purchase.purchase_id)
    assert records.party_kind == "organisation" and records.party_masked == identity_mask(ORG)
    sections = _keys(records)
    assert set(sections) == {"purchase", "project", "project_payment"}
    assert sections["project"].rows[0][2] == "村道硬化"
    assert sections["project_payment"].total == 100000


def test_no_party_or_not_visible(users, world, ledgers):
    payment_b = ledgers[("labour_payment", world.village_b.code)]
    assert selectors.subject_records(user=users.inspector_a, subject_type="labour_payment",
                                     subject_id=payment_b.payment_id).sections == []
    assert selectors.subject_records(user=users.inspector_a, subject_type="village",
                                     subject_id=world.village_a.code).sections == []
    lease = ledgers[("lease", world.village_a.code)]
    asset = _keys(selectors.subject_records(user=users.inspector_a, subject_type="asset", subject_id=lease.asset_id))
    assert asset["lease"].rows[0][0] == lease.lease_id
    with pytest.raises(Exception, match="sign in|登录"):
        selectors.subject_records(user=None, subject_type="labour_payment", subject_id=payment_b.payment_id)


def test_related_cases(users, world, ledgers):
    payment = ledgers[("labour_payment", world.village_a.code)]
    relief = ledgers[("relief_payment", world.village_a.code)]
    case = alert_case(world.village_a.code, subject_type="labour_payment", subject_id=payment.payment_id)
    other_model = alert_case(world.village_a.code, subject_type="labour_payment", subject_id=payment.payment_id,
                             model_code="LAB-03")
    same_person = alert_case(world.village_a.code, subject_type="relief_payment", subject_id=relief.payment_id,
                             model_code="REL-02")
    same_model = case_make(world.village_a, subject_id="P7")          # LAB-05 on another payment, same village
    elsewhere = case_make(world.village_b, subject_id="P7")           # LAB-05 in county B
    unrelated = alert_case(world.village_a.code, subject_type="project", subject_id="PRJ-X", model_code="PRJ-01")

    records = selectors.subject_records(user=users.inspector_a, subject_type=case.subject_type,
                                        subject_id=case.subject_id)
    related = selectors.related_cases(user=users.inspector_a, case=case, records=records)
    assert [c.pk for c in related["same_subject"]] == [other_model.pk]
    assert [c.pk for c in related["same_party"]] == [same_person.pk]
    assert {c.pk for c in related["same_model"]} == {same_model.pk}
    listed = {c.pk for cases in related.values() for c in cases}
    assert case.pk not in listed and elsewhere.pk not in listed and unrelated.pk not in listed


def test_the_case_page_shows_model_records_and_related_cases(users, world, ledgers, client_for):
    payment = ledgers[("labour_payment", world.village_a.code)]
    case = alert_case(world.village_a.code, subject_type="labour_payment", subject_id=payment.payment_id)
    other = alert_case(world.village_a.code, subject_type="labour_payment", subject_id=payment.payment_id,
                       model_code="LAB-03")
    page = client_for(users.inspector_a).get(f"/cases/{case.pk}/").content.decode()
    assert 'data-testid="model"' in page and "LAB-05" in page
    assert 'data-testid="records-labour_payment"' in page and 'data-testid="records-relief_payment"' in page
    assert 'data-testid="current-subject"' in page
    assert identity_mask(WORKER) in page and WORKER not in page
    assert world.village_b.code not in page.split('data-testid="party"')[1].split("Timeline")[0]
    assert 'data-testid="related-same_subject"' in page and f'href="/cases/{other.pk}/"' in page
    # the liaison officer of the village reads the same page through the same scope
    liaison_page = client_for(users.liaison).get(f"/cases/{case.pk}/").content.decode()
    assert 'data-testid="records-labour_payment"' in liaison_page and WORKER not in liaison_page


def test_the_context_over_the_api(users, world, ledgers, api_client_for):
    payment = ledgers[("labour_payment", world.village_a.code)]
    case = alert_case(world.village_a.code, subject_type="labour_payment", subject_id=payment.payment_id)
    other = alert_case(world.village_a.code, subject_type="labour_payment", subject_id=payment.payment_id,
                       model_code="LAB-03")
    response = api_client_for(users.inspector_a).get(f"/api/v1/cases/{case.pk}/context")
    assert response.status_code == 200
    body = response.json()
    assert body["model"]["code"] == "LAB-05" and body["model"]["title"]["zh"]
    assert body["party_kind"] == "person" and body["party_masked"] == identity_mask(WORKER)
    assert WORKER not in response.content.decode()
    labour = next(s for s in body["records"] if s["key"] == "labour_payment")
    assert labour["count"] == 1 and labour["current"] == [0] and labour["rows"][0][0] == payment.payment_id
    assert [c["id"] for c in body["same_subject"]] == [other.pk]
    assert api_client_for(users.inspector_b).get(f"/api/v1/cases/{case.pk}/context").status_code == 404


def test_an_identity_number_in_a_subject_is_masked_on_the_page_and_in_the_api(users, world, ledgers, client_for,
                                                                              api_client_for):
    """A relief approval's subject is "<ID number>/<relief type>": the case page, the related cases
    and the API show the number masked, as everywhere else on the case page."""
    payment = ledgers[("labour_payment", world.village_a.code)]
    relief = alert_case(world.village_a.code, subject_type="relief_recipient", subject_id=f"{WORKER}/minimum_living",
                        model_code="REL-01")
    case = alert_case(world.village_a.code, subject_type="labour_payment", subject_id=payment.payment_id)
    masked = f"{identity_mask(WORKER)}/minimum_living"
    client = client_for(users.inspector_a)
    own = client.get(f"/cases/{relief.pk}/").content.decode()
    assert WORKER not in own and masked in own
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert f'href="/cases/{relief.pk}/"' in page and WORKER not in page
    api = api_client_for(users.inspector_a)
    context = api.get(f"/api/v1/cases/{case.pk}/context")
    assert relief.pk in [c["id"] for c in context.json()["same_party"]]
    assert WORKER not in context.content.decode()
    for url in (f"/api/v1/cases/{relief.pk}", "/api/v1/cases"):
        response = api.get(url)
        assert response.status_code == 200 and WORKER not in response.content.decode() and masked in response.content.decode()


def test_an_identity_number_in_the_evidence_is_masked(users, world, client_for, api_client_for):
    """A model's evidence may list the person's ID number (LAB-05: person_id, name, birth date,
    age): the case page and the case API show it masked."""
    from sunlit.supervision.models import Alert

    case = alert_case(world.village_a.code, subject_type="labour_payment", subject_id="LP-E1")
    Alert.objects.filter(pk=case.alert_id).update(evidence={"person_id": WORKER, "name": "赵六", "age": 86})
    page = client_for(users.liaison).get(f"/cases/{case.pk}/").content.decode()
    evidence = page.split('data-testid="evidence"')[1].split("</table>")[0]
    assert WORKER not in page and identity_mask(WORKER) in evidence and "86" in evidence
    response = api_client_for(users.inspector_a).get(f"/api/v1/cases/{case.pk}")
    assert response.status_code == 200 and WORKER not in response.content.decode()
    assert response.json()["evidence"] == {"person_id": identity_mask(WORKER), "name": "赵六", "age": 86}
