"""The case page names an alert's evidence in the reader's language, the ID number in it masked."""

import pytest

from sunlit.identity import identity_mask
from sunlit.supervision.models import Alert
from tests.cases.records import alert_case
from tests.ledger.conftest import WORKER

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language, shown, hidden", [
    ("zh-hans", ["身份证号码", "姓名", "出生日期", "年龄"], ["ID number", "Date of birth"]),
    ("en", ["ID number", "Name", "Date of birth", "Age"], ["身份证号码", "出生日期"]),
])
def test_the_case_page_names_the_evidence_in_the_readers_language(language, shown, hidden, world, users,
                                                                   client_for, settings):
    case = alert_case(world.village_a.code, subject_type="labour_payment", subject_id="LP-E2")
    Alert.objects.filter(pk=case.alert_id).update(
        evidence={"person_id": WORKER, "name": "赵六", "birth_date": "1960-01-01", "age": 86})
    client = client_for(users.liaison)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(f"/cases/{case.pk}/").content.decode()
    evidence = page.split('data-testid="evidence"')[1].split("</table>")[0]
    headers = [cell.split("</th>")[0] for cell in evidence.split("<th>")[1:]]
    assert headers[-4:] == shown
    assert not any(word in evidence for word in hidden)
    assert "person_id" not in evidence and "birth_date" not in evidence
    assert WORKER not in page and identity_mask(WORKER) in evidence and "1960-01-01" in evidence
