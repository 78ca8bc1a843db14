"""Rule statistics: what each rule explained in the latest run and how analysts judged it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from custodiet.alerts.models import Alert, DetectionRun
from custodiet.detect.rules import Rule


def rule_statistics(*, session: Session, rules: dict[str, Rule]) -> list[dict[str, Any]]:
    """Per rule: explained accesses (latest run), alerts citing it, and precision by disposition.

    Precision counts only alerts an analyst has disposed of: substantiated / (substantiated +
    explained + false positive). It is None until a rule has any disposed alert.
    """
    run = session.scalars(select(DetectionRun).where(DetectionRun.is_current.is_(True))).first()
    summary: dict[str, Any] = (run.summary or {}) if run else {}
    explained = summary.get("explained_by_rule", {})
    not_used = summary.get("rules_not_used", {})
    cited: dict[str, dict[str, int]] = {}
    for rule_ids, disposition in session.execute(select(Alert.rule_ids, Alert.disposition)):
        for rule_id in rule_ids or []:
            counts = cited.setdefault(rule_id, {"alerts": 0, "substantiated": 0, "rejected": 0})
            counts["alerts"] += 1
            if disposition == "substantiated":
                counts["substantiated"] += 1
            elif disposition in ("explained", "false_positive"):
                counts["rejected"] += 1
    rows = []
    for rule in sorted(rules.values(), key=lambda r: r.id):
        counts = cited.get(rule.id, {"alerts": 0, "substantiated": 0, "rejected": 0})
        judged = counts["substantiated"] + counts["rejected"]
        rows.append(
            {
                "id": rule.id,
                "name": rule.name,
                "kind": rule.kind,
                "status": rule.status,
                "severity": rule.severity,
                "title": rule.title,
                "explained_accesses": explained.get(rule.name)
                if rule.kind == "explanation"
                else None,
                "alerts": counts["alerts"],
                "substantiated": counts["substantiated"],
                "rejected": counts["rejected"],
                "precision": round(counts["substantiated"] / judged, 3) if judged else None,
                "not_used": not_used.get(rule.name),
            }
        )
    return rows
