"""Every app's Chinese catalogue is complete and its compiled .mo matches the .po, and the pages
really come out in Chinese by default and in English on request."""

import gettext
from pathlib import Path

import polib
import pytest

import sunlit

CATALOGUES = sorted(Path(sunlit.__file__).parent.glob("*/locale/zh_Hans/LC_MESSAGES/django.po"))


def test_there_are_catalogues():
    assert len(CATALOGUES) >= 4


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: p.parts[-5])
def test_catalogue_is_complete_and_compiled(po_path):
    po = polib.pofile(str(po_path))
    untranslated = [e.msgid for e in po if not e.obsolete and (not e.msgstr or "fuzzy" in e.flags)
                    and not e.msgstr_plural]
    assert not untranslated, f"{po_path}: untranslated {untranslated}"
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"compile {po_path} (sunlit compilemessages)"
    with open(mo_path, "rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    for entry in po:
        if entry.obsolete or entry.msgid_plural:
            continue
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        assert compiled._catalog.get(key) == entry.msgstr, f"{mo_path} is stale for {entry.msgid!r}"


def test_chinese_by_default_english_when_switched(db, client):
    assert "登录" in client.get("/accounts/login/", headers={"accept-language": "en"}).content.decode()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    english = client.get("/accounts/login/").content.decode()
    assert "Sign in" in english and "登录" not in english
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert "登录" in client.get("/accounts/login/").content.decode()
