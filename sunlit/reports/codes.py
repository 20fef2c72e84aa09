"""Tracking codes: random (``secrets``), 16 characters from an alphabet without the characters a
reader confuses (no 0/O, 1/I/L), about 79 bits — neither sequential nor derived from the row id.
Shown in groups of four (``K7QM-3XRT-...``); typed in any case, with or without dashes or spaces."""

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 16
_SHAPE = re.compile(f"^[{ALPHABET}]{{{LENGTH}}}$")


def tracking_code_new() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(text: str) -> str:
    """What the reader typed, as stored: upper case, without spaces and dashes (at most 64 chars
    are looked at, so a long input costs nothing)."""
    return re.sub(r"[\s\-]", "", str(text or "")[:64]).upper()


def is_well_formed(code: str) -> bool:
    return bool(_SHAPE.match(code))


def grouped(code: str) -> str:
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))
