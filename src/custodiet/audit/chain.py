"""The tamper-evident hash chain over custodiet's audit trail.

hash(n) = SHA-256(hash(n-1) | canonical JSON of row n's content, including its sequence
number). Verification recomputes the chain in sequence order and names the first row where
the stored hash, the link to the previous row, or the sequence itself no longer agrees.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, text, update
from sqlalchemy.orm import Session

from custodiet.audit.models import AuditChainHead, AuditEvent

GENESIS = "0" * 64


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat(timespec="microseconds")


def canonical(row: AuditEvent) -> bytes:
    """The hashed content of an event, as canonical JSON."""
    doc: dict[str, Any] = {
        "seq": row.seq,
        "at": _iso(row.at),
        "actor": row.actor,
        "actor_role": row.actor_role,
        "action": row.action,
        "object_type": row.object_type,
        "object_id": row.object_id,
        "force": row.force,
        "subject_staff_id": row.subject_staff_id,
        "summary": row.summary,
        "details": row.details,
        "ip": row.ip,
    }
    return json.dumps(doc, sort_keys=True, separators=(",", ":"), default=str).encode()


def chain_hash(prev_hash: str, row: AuditEvent) -> str:
    """The hash of `row` chained to `prev_hash`."""
    return hashlib.sha256(prev_hash.encode() + b"|" + canonical(row)).hexdigest()


def ensure_head(session: Session) -> None:
    """Create the chain head if the store has none yet (portable, idempotent)."""
    session.execute(
        text(
            "INSERT INTO audit_chain_head (id, seq, last_hash) "
            "SELECT 1, 0, :genesis WHERE NOT EXISTS (SELECT 1 FROM audit_chain_head WHERE id = 1)"
        ),
        {"genesis": GENESIS},
    )


def link(session: Session, row: AuditEvent) -> None:
    """Give a new event its sequence number and chained hash (the caller commits)."""
    claimed = session.execute(
        update(AuditChainHead)
        .where(AuditChainHead.id == 1)
        .values(seq=AuditChainHead.seq + 1)
        .returning(AuditChainHead.seq, AuditChainHead.last_hash)
    ).one_or_none()
    if claimed is None:
        ensure_head(session)
        claimed = session.execute(
            update(AuditChainHead)
            .where(AuditChainHead.id == 1)
            .values(seq=AuditChainHead.seq + 1)
            .returning(AuditChainHead.seq, AuditChainHead.last_hash)
        ).one()
    row.seq, row.prev_hash = int(claimed[0]), str(claimed[1])
    row.hash = chain_hash(row.prev_hash, row)
    session.execute(update(AuditChainHead).where(AuditChainHead.id == 1).values(last_hash=row.hash))


@dataclass(frozen=True)
class Verification:
    """The outcome of checking the chain."""

    ok: bool
    checked: int
    first_bad_seq: int | None = None
    problem: str | None = None


def verify(session: Session, *, batch: int = 5000) -> Verification:
    """Recompute the chain from the start; stop at the first disagreement."""
    prev = GENESIS
    expected_seq = 1
    checked = 0
    last_seq = 0
    while True:
        rows = list(
            session.scalars(
                select(AuditEvent)
                .where(AuditEvent.seq.is_not(None), AuditEvent.seq > last_seq)
                .order_by(AuditEvent.seq)
                .limit(batch)
            )
        )
        if not rows:
            break
        for row in rows:
            assert row.seq is not None
            if row.seq != expected_seq:
                return Verification(False, checked, expected_seq, "a row is missing")
            if row.prev_hash != prev:
                return Verification(
                    False, checked, row.seq, "the link to the previous row is broken"
                )
            if chain_hash(prev, row) != row.hash:
                return Verification(False, checked, row.seq, "the row's content was changed")
            prev = str(row.hash)
            expected_seq += 1
            checked += 1
            last_seq = row.seq
    head = session.get(AuditChainHead, 1)
    if head is not None and head.seq != checked:
        return Verification(False, checked, checked + 1, "rows at the end of the chain are missing")
    return Verification(True, checked)
