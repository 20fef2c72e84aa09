"""The hash chain itself: how a row's hash is computed, and how the whole chain is checked."""

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC

from django.conf import settings

GENESIS = "0" * 64


def canonical_detail(detail: dict | None) -> str:
    return json.dumps(detail or {}, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def row_hash(*, seq, at, kind, actor_id, actor_username, ip, object_type, object_id, detail, prev_hash) -> str:
    body = json.dumps(
        [seq, at.astimezone(UTC).isoformat(timespec="microseconds"), kind, actor_id, actor_username,
         ip, object_type, object_id, detail, prev_hash],
        ensure_ascii=False, separators=(",", ":"),
    )
    return hmac.new(settings.SUNLIT_AUDIT_KEY.encode(), body.encode(), hashlib.sha256).hexdigest()


def hash_of_event(event) -> str:
    return row_hash(seq=event.seq, at=event.at, kind=event.kind, actor_id=event.actor_id,
                    actor_username=event.actor_username, ip=event.ip, object_type=event.object_type,
                    object_id=event.object_id, detail=event.detail, prev_hash=event.prev_hash)


@dataclass(frozen=True)
class Verdict:
    ok: bool
    checked: int
    broken_seq: int | None = None
    reason: str = ""


def verify(events, head) -> Verdict:
    """Walk ``events`` (in seq order) and compare the end with ``head``."""
    expected_seq, prev = 1, GENESIS
    checked = 0
    for event in events:
        if event.seq != expected_seq:
            return Verdict(False, checked, expected_seq,
                           f"row {expected_seq} is missing (next row found is {event.seq})")
        if event.prev_hash != prev:
            return Verdict(False, checked, event.seq,
                           f"row {event.seq} does not link to row {event.seq - 1}")
        if hash_of_event(event) != event.hash:
            return Verdict(False, checked, event.seq, f"row {event.seq} was changed after it was written")
        prev, expected_seq = event.hash, expected_seq + 1
        checked += 1
    last = expected_seq - 1
    if head.seq != last or head.hash != prev:
        if head.seq > last:
            return Verdict(False, checked, last + 1, f"rows {last + 1} to {head.seq} are missing from the end")
        return Verdict(False, checked, head.seq, "the chain's head does not match its last row")
    return Verdict(True, checked)
