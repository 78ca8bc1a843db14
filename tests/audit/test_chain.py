"""The audit trail is tamper-evident: a changed, removed or reordered row breaks the chain."""

from __future__ import annotations

from sqlalchemy import text

from custodiet.audit.chain import verify
from custodiet.audit.service import record
from custodiet.db import session_scope


def _record(db_url: str, n: int) -> None:
    for i in range(n):
        with session_scope(db_url) as session:
            record(
                session,
                actor=None,
                actor_name=f"user{i % 3}",
                action="view",
                object_type="alert",
                object_id=i,
                force="SY",
                summary=f"viewed alert {i}",
                details={"page": i},
            )


def test_intact_chain_verifies(db_url: str) -> None:
    _record(db_url, 12)
    with session_scope(db_url) as session:
        result = verify(session)
    assert result.ok and result.checked == 12


def test_changed_row_is_found(db_url: str) -> None:
    _record(db_url, 8)
    with session_scope(db_url) as session:  # bypass the ORM, as someone with database access would
        session.execute(text("UPDATE audit_events SET actor = 'someone_else' WHERE seq = 5"))
    with session_scope(db_url) as session:
        result = verify(session)
    assert not result.ok and result.first_bad_seq == 5 and result.checked == 4
    assert result.problem == "the row's content was changed"


def test_removed_row_is_found(db_url: str) -> None:
    _record(db_url, 8)
    with session_scope(db_url) as session:
        session.execute(text("DELETE FROM audit_events WHERE seq = 3"))
    with session_scope(db_url) as session:
        result = verify(session)
    assert not result.ok and result.first_bad_seq == 3 and result.problem == "a row is missing"


def test_removed_last_rows_are_found(db_url: str) -> None:
    _record(db_url, 6)
    with session_scope(db_url) as session:
        session.execute(text("DELETE FROM audit_events WHERE seq >= 5"))
    with session_scope(db_url) as session:
        result = verify(session)
    assert not result.ok and result.problem == "rows at the end of the chain are missing"
