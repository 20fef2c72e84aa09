"""Identity keys shared by the ledger, the registries and the models, so that joins across sources
match: the resident ID number (GB 11643) and the unified social credit code (GB 32100).

Resident IDs are checked by their check digit and birth date only. python-stdnum's ``cn.ric`` also
looks the birthplace up in a table that starts in the 1980s and so rejects the real numbers of
people born earlier; that look-up must not decide here. Messages never repeat the number itself."""

import re
from datetime import date

from stdnum.cn import uscc
from stdnum.exceptions import ValidationError as StdnumError

_WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]
_CHECK = "10X98765432"
EARLIEST_BIRTH = date(1880, 1, 1)


class IdentityError(ValueError):
    """A malformed identity key. The message names the problem, never the value."""


def _check_char(first17: str) -> str:
    return _CHECK[sum(int(c) * w for c, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def _birth_date(text: str) -> date:
    try:
        born = date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        raise IdentityError("出生日期不是有效日期 / the birth date in the ID number is not a real date") from None
    if not EARLIEST_BIRTH <= born <= date.today():
        raise IdentityError("出生日期超出合理范围 / the birth date in the ID number is out of range")
    return born


def person_id_normalise(value: str) -> str:
    """The canonical 18-character form: spaces removed, upper-case X, 15-digit legacy numbers
    converted (century 19 inserted, check character computed). Raises IdentityError."""
    text = "".join(str(value or "").split())
    if not text.isascii():
        raise IdentityError("身份证号码格式错误 / the ID number has characters that are not allowed")
    text = text.upper()
    if len(text) == 15:
        if not text.isdigit():
            raise IdentityError("15位身份证号码只能包含数字 / a 15-digit ID number has digits only")
        first17 = text[:6] + "19" + text[6:]
        _birth_date(first17[6:14])
        return first17 + _check_char(first17)
    if len(text) != 18:
        raise IdentityError("身份证号码应为18位（或15位旧号码）/ an ID number has 18 characters (or 15, legacy)")
    if not text[:17].isdigit() or not (text[17].isdigit() or text[17] == "X"):
        raise IdentityError("身份证号码格式错误 / the ID number has characters that are not allowed")
    _birth_date(text[6:14])
    if _check_char(text[:17]) != text[17]:
        raise IdentityError("身份证号码校验码错误 / the ID number's check digit is wrong")
    return text


def person_birth_date(person_id: str) -> date:
    return _birth_date(person_id_normalise(person_id)[6:14])


def person_id_make(first17: str) -> str:
    """Complete 17 digits with their check character (for synthetic data and tests)."""
    return first17 + _check_char(first17)


def org_id_normalise(value: str) -> str:
    """The canonical unified social credit code (18 characters, upper case). Raises IdentityError."""
    text = "".join(str(value or "").split())
    if not text.isascii():
        raise IdentityError("统一社会信用代码无效（长度、字符或校验码）/ the unified social credit code is invalid")
    try:
        return uscc.validate(text.upper())
    except StdnumError:
        raise IdentityError("统一社会信用代码无效（长度、字符或校验码）/ the unified social credit code is invalid") from None


# A resident ID (18 characters, the last may be X; a legacy one of 15 digits) or a bank card
# number (16 to 19 digits) inside free text, also written in groups: 6-8-4 as on a form
# (330102 19900101 123X), 6-6-3 for a legacy ID, fours for a card (6222 0212 3456 7890 123).
# Shorter runs (a 12-digit region code, an 11-digit phone number, a date, an amount) do not match.
IDENTITY_IN_TEXT = re.compile(
    r"(?<![0-9A-Za-z])(?:\d{17}[0-9Xx]|\d{15,19}|\d{6}[ -]\d{8}[ -]\d{3}[0-9Xx]|\d{6}[ -]\d{6}[ -]\d{3}"
    r"|\d{4}(?:[ -]\d{4}){3}(?:[ -]?\d{1,3})?)(?![0-9A-Za-z])")


def identity_numbers_masked(text: str | None) -> str:
    """Free text with every identity or bank number in it shown by ``identity_mask``."""
    return IDENTITY_IN_TEXT.sub(lambda m: identity_mask(m.group(0).replace("-", "")), "" if text is None else str(text))


def identity_mask(value: str | None) -> str:
    """The one way an identity number (resident ID, credit code, bank number) is shown where it must
    be recognisable but never readable whole — an error report, a clerk's own list: the first six
    characters (the issuing region), four stars, the last two. Values shorter than ten characters
    are masked entirely. Public pages show none of it (sunlit.public.masking)."""
    text = "".join(str(value or "").split())
    if not text:
        return ""
    if len(text) < 10:
        return "****"
    return text[:6] + "****" + text[-2:]
