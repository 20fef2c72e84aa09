"""The language switch names each language in its own tongue (简体中文, English), whichever
language the page is in, so a reader who cannot read the current one still finds theirs."""

import re

import pytest


@pytest.mark.parametrize("cookie", [None, "en"])
def test_each_language_is_named_in_its_own_tongue(cookie, client, settings):
    if cookie:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie
    page = client.get("/accounts/login/").content.decode()
    buttons = dict(re.findall(r'data-lang="([\w-]+)"[^>]*>([^<]+)</button>', page))
    assert buttons == {"zh-hans": "简体中文", "en": "English"}
