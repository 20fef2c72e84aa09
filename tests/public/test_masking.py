import pytest

from sunlit.public.masking import mask_name


@pytest.mark.parametrize("name,masked", [
    ("张三", "张*"), ("张三丰", "张*丰"), ("欧阳娜娜", "欧**娜"), ("王", "*"), ("", ""),
    (" 李 四 ", "李*"), ("买买提·艾力", "买****力"),
])
def test_names_are_partly_masked(name, masked):
    assert mask_name(name) == masked


# ---- the rest of the rule ------------------------------------------------------------------------
from datetime import date  # noqa: E402

from sunlit.identity import identity_mask, person_id_make  # noqa: E402
from sunlit.public.masking import (  # noqa: E402
    HIDDEN,
    counterparty_name,
    public_text,
    relief_notice_visible,
    relief_notice_window,
)

PERSON = person_id_make("33010219600101123")


@pytest.mark.parametrize("text,shown", [
    (f"身份证{PERSON}号", f"身份证{HIDDEN}号"),
    ("身份证33010219600101123X", f"身份证{HIDDEN}"),
    ("330102600101123", HIDDEN),                              # a 15-digit legacy ID
    ("卡号 6222 0212 3456 7890", f"卡号 {HIDDEN}"),
    ("账号6222021234567890123", f"账号{HIDDEN}"),
    (f"身份证号 {PERSON[:6]} {PERSON[6:14]} {PERSON[14:]}", f"身份证号 {HIDDEN}"),   # written 6-8-4
    (f"{PERSON[:6]}-{PERSON[6:14]}-{PERSON[14:]}。", f"{HIDDEN}。"),
    ("老身份证 330102 600101 123", f"老身份证 {HIDDEN}"),                        # a legacy one, 6-6-3
    ("邮编 310000 电话 0571-8888 8888", "邮编 310000 电话 0571-8888 8888"),
    ("村代码330102001001、电话13812345678、金额1234567.89元、2026-10-01",
     "村代码330102001001、电话13812345678、金额1234567.89元、2026-10-01"),
    ("", ""), (None, ""),
])
def test_free_text_hides_id_and_bank_numbers(text, shown):
    assert public_text(text) == shown


def test_a_counterparty_is_named_only_when_an_organisation():
    assert counterparty_name("清溪建设有限公司", org_id="91330100MA27XYK13X") == "清溪建设有限公司"
    assert counterparty_name("李四光") == "李*光"


def test_one_identity_mask_for_error_reports_and_clerk_lists():
    from sunlit.ledger.validation import mask_identity
    from sunlit.registries.specs import registry_spec
    from sunlit.registries.validation import mask

    assert identity_mask(PERSON) == PERSON[:6] + "****" + PERSON[-2:]
    assert identity_mask("12345") == "****" and identity_mask("") == "" and identity_mask(None) == ""
    column = next(c for c in registry_spec("death").columns if c.name == "person_id")
    assert mask_identity(PERSON) == mask(PERSON, column) == identity_mask(PERSON)
    assert PERSON not in identity_mask(PERSON) and PERSON[6:14] not in identity_mask(PERSON)


def test_relief_notice_display_period(settings):
    settings.SUNLIT_RELIEF_NOTICE_DAYS = 30
    approved = date(2026, 11, 1)
    assert relief_notice_window(approved=approved, ended=None) == (approved, date(2026, 11, 30))
    assert relief_notice_visible(approved=approved, ended=None, today=date(2026, 11, 30))
    assert not relief_notice_visible(approved=approved, ended=None, today=date(2026, 12, 1))
    assert not relief_notice_visible(approved=approved, ended=None, today=date(2026, 10, 31))
    assert relief_notice_window(approved=approved, ended=date(2026, 11, 10)) == (approved, date(2026, 11, 10))
    assert not relief_notice_visible(approved=approved, ended=date(2026, 11, 10), today=date(2026, 11, 11))
