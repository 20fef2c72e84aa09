"""What a public page may show of a person: the one masking rule (DESIGN.md §5), used by every
public page, public API response and public export (they all read through
``sunlit.public.selectors``, which builds its rows with the functions below).

- Names are partly masked: the first character kept, and the last when the name has three or more
  (张三 → 张*, 张三丰 → 张*丰). A counterparty is shown by name only when it is an organisation
  (it has a credit code); a person as counterparty is masked like everyone else.
- ID numbers, bank numbers and addresses are never shown: no public row carries those columns, and
  free text written by a clerk (a title, a disclosure, a reason) has any run of digits long enough
  to be an ID or bank number replaced before it is shown (``public_text``).
- A relief notice (低保公示) is shown from its approval date for ``SUNLIT_RELIEF_NOTICE_DAYS`` days
  (default 30) and never after the relief has ended; then it is withdrawn (``relief_notice_visible``).
"""

from datetime import date, timedelta

from django.conf import settings

from sunlit.identity import IDENTITY_IN_TEXT

RELIEF_NOTICE_DAYS = 30
HIDDEN = "［已隐去］"

# A resident ID (15 or 18 characters, the last may be X) or a bank card number (16 to 19 digits),
# also written in groups (6-8-4, fours): any such run in free text is hidden. Shorter runs (a
# 12-digit region code, an 11-digit phone number, a date, an amount) are left as written. The
# pattern is the project's one (``sunlit.identity.IDENTITY_IN_TEXT``).
_LONG_NUMBER = IDENTITY_IN_TEXT


def mask_name(name: str) -> str:
    """张三 → 张*, 张三丰 → 张*丰, 欧阳娜娜 → 欧**娜."""
    text = "".join(str(name or "").split())
    if len(text) <= 1:
        return "*" * len(text)
    if len(text) == 2:
        return text[0] + "*"
    return text[0] + "*" * (len(text) - 2) + text[-1]


def public_text(text: str | None) -> str:
    """Free text as it may appear in public: any ID-number or bank-number-like run of digits hidden."""
    return _LONG_NUMBER.sub(HIDDEN, str(text or ""))


def counterparty_name(name: str, *, org_id: str = "") -> str:
    """An organisation (it has a credit code) is named; a person is masked."""
    return public_text(name) if org_id else mask_name(name)


def relief_notice_days() -> int:
    return int(getattr(settings, "SUNLIT_RELIEF_NOTICE_DAYS", RELIEF_NOTICE_DAYS))


def relief_notice_window(*, approved: date, ended: date | None) -> tuple[date, date]:
    """The first and last day a relief notice is on display."""
    last = approved + timedelta(days=relief_notice_days() - 1)
    if ended is not None and ended < last:
        last = ended
    return approved, last


def relief_notice_visible(*, approved: date, ended: date | None, today: date) -> bool:
    first, last = relief_notice_window(approved=approved, ended=ended)
    return first <= today <= last
