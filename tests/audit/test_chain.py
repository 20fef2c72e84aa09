"""The audit chain: append-only rows, each carrying the previous row's hash; `sunlit audit verify`
passes on an intact chain and names the first broken row after an edit or a deletion made directly
in the database."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from sunlit.audit.models import AppendOnly, AuditEvent
from sunlit.audit.services import audit_record, audit_verify

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(users):
    """Ten events on top of whatever the fixtures recorded."""
    for i in range(10):
        audit_record(kind="export", actor=users.inspector_a, object_type="region", detail={"n": i, "名": "上城区"})
    return list(AuditEvent.objects.order_by("seq"))


def _sql(statement, params):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def _verify_command():
    call_command("audit", "verify")


def test_rows_link_to_their_predecessor(chain):
    assert [e.seq for e in chain] == list(range(1, len(chain) + 1))
    assert chain[0].prev_hash == "0" * 64
    for before, after in zip(chain, chain[1:], strict=False):
        assert after.prev_hash == before.hash
    assert len({e.hash for e in chain}) == len(chain)


def test_verify_passes_on_a_fresh_chain(chain, capsys):
    verdict = audit_verify()
    assert verdict.ok and verdict.checked == len(chain)
    _verify_command()
    assert f"{len(chain)} rows checked" in capsys.readouterr().out


def test_verify_passes_on_an_empty_chain(db):
    assert audit_verify().ok


def test_an_edited_row_is_named(chain):
    victim = chain[4]
    _sql("UPDATE audit_auditevent SET actor_username = %s WHERE seq = %s", ["someone_else", victim.seq])
    verdict = audit_verify()
    assert not verdict.ok and verdict.broken_seq == victim.seq
    with pytest.raises(CommandError, match=f"broken at row {victim.seq}"):
        _verify_command()


def test_an_edited_detail_is_named(chain):
    victim = chain[2]
    _sql("UPDATE audit_auditevent SET detail = %s WHERE seq = %s", ['{"n":99}', victim.seq])
    assert audit_verify().broken_seq == victim.seq


def test_a_rehashed_row_still_breaks_the_next_link(chain):
    """An attacker who edits a row and writes a fresh plain SHA-256 into it still breaks the chain."""
    victim = chain[3]
    _sql("UPDATE audit_auditevent SET kind = %s, hash = %s WHERE seq = %s", ["sign_in", "f" * 64, victim.seq])
    assert audit_verify().broken_seq == victim.seq


def test_a_deleted_row_is_named(chain):
    victim = chain[5]
    _sql("DELETE FROM audit_auditevent WHERE seq = %s", [victim.seq])
    verdict = audit_verify()
    assert not verdict.ok and verdict.broken_seq == victim.seq
    with pytest.raises(CommandError, match=f"broken at row {victim.seq}"):
        _verify_command()


def test_a_deleted_tail_is_detected(chain):
    last = chain[-1]
    _sql("DELETE FROM audit_auditevent WHERE seq = %s", [last.seq])
    verdict = audit_verify()
    assert not verdict.ok and verdict.broken_seq == last.seq


def test_the_orm_refuses_to_change_or_delete(chain):
    event = AuditEvent.objects.get(seq=1)
    event.kind = "changed"
    with pytest.raises(AppendOnly):
        event.save()
    with pytest.raises(AppendOnly):
        event.delete()
    with pytest.raises(AppendOnly):
        AuditEvent.objects.filter(seq=1).update(kind="changed")
    with pytest.raises(AppendOnly):
        AuditEvent.objects.all().delete()
    assert audit_verify().ok
