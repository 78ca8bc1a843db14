"""The return as HTML (Jinja2, inline SVG charts), PDF (reportlab) and CSV.

HTML and PDF share one layout: the headline, then the charts, then the tables.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from custodiet.reports.charts import PALETTE, Figure, bar_chart, line_chart, to_drawing, to_svg
from custodiet.reports.schemas import ForceReturn

TEMPLATES = Path(__file__).parent / "templates"
MAX_LINE_CHARTS = 6


@dataclass
class TableSpec:
    """A titled table of strings."""

    title: str
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)
    note: str = ""


def _label(code: str) -> str:
    return code.replace("_", " ")


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def title_of(ret: ForceReturn) -> str:
    """The return's title line."""
    scope = (
        "National return"
        if ret.audience == "national"
        else (f"Force return: {ret.force}" if ret.force else "Return: all forces in this home")
    )
    what = (
        "abuse of position for a sexual purpose"
        if ret.category == "apsp"
        else (_label(ret.category) if ret.category else "all allegations")
    )
    return f"{scope} — {what}, {ret.period['from']} to {ret.period['to']}"


def headline(ret: ForceReturn) -> list[tuple[str, str]]:
    """The figures a reader needs first."""
    da = ret.victim_marker_shares.get("domestic_abuse_victim")
    return [
        ("Allegations", f"{ret.allegations:,}"),
        ("Personnel", f"{ret.personnel.total:,}"),
        ("Domestic-abuse victims", _pct(da)),
        ("Referred to the IOPC", f"{ret.referred:,} ({_pct(ret.referred_share)})"),
        ("Dismissed", f"{ret.dismissals.dismissed:,}"),
        ("Forces with allegations", f"{ret.forces.with_allegations} of {ret.forces.total}"),
    ]


def figures(ret: ForceReturn) -> list[Figure]:
    """The charts of the return, most important first."""
    figs: list[Figure] = []
    people = [(_label(k), float(v)) for k, v in ret.personnel.model_dump().items() if k != "total"]
    if ret.personnel_unknown_type:
        people.append(("not in staff list", float(ret.personnel_unknown_type)))
    figs.append(bar_chart("Personnel with allegations, by type", people))
    markers = sorted(((k, v) for k, v in ret.victim_markers.items() if v), key=lambda kv: -kv[1])
    figs.append(
        bar_chart(
            "Allegations by victim marker (share of allegations)",
            [(_label(k), v / ret.allegations if ret.allegations else 0.0) for k, v in markers],
            percent=True,
            color=PALETTE[1],
        )
    )
    ttr = ret.time_to_refer
    figs.append(
        bar_chart(
            "Referral to the IOPC",
            [
                ("by end of next day", float(ttr.within_deadline)),
                ("later", float(ttr.late)),
                ("not referred", float(ret.allegations - ret.referred)),
            ],
            color=PALETTE[2],
        )
    )
    outcomes = [(_label(k), float(v)) for k, v in ret.outcomes.items() if v]
    outcomes.append(("open", float(ret.open_allegations)))
    figs.append(bar_chart("Outcomes", outcomes, color=PALETTE[3]))
    if len(ret.by_force) > 1:
        ranked = sorted(ret.by_force, key=lambda f: (-f.allegations, f.force))
        figs.append(
            bar_chart(
                "Allegations by force",
                [(f.force, float(f.allegations)) for f in ranked],
                color=PALETTE[0],
            )
        )
    charted = [
        c
        for c in ret.monitoring
        if c.systems and c.covered_days and any(s.daily for s in c.systems)
    ]
    if charted and len(charted) <= MAX_LINE_CHARTS:
        for cov in charted:
            assert cov.period_start is not None
            days = [cov.period_start + timedelta(days=i) for i in range(cov.covered_days)]
            series = {s.system_id: s.daily for s in cov.systems if s.daily and s.events}
            figs.append(line_chart(f"Audit events per day — {cov.force}", days, series))
    elif any(c.gap_days for c in ret.monitoring):
        figs.append(
            bar_chart(
                "Audit feed gap days by force",
                sorted(
                    ((c.force, float(c.gap_days)) for c in ret.monitoring), key=lambda kv: -kv[1]
                ),
                color=PALETTE[5],
            )
        )
    vet = ret.vetting_compliance
    if vet and any(v.supplied for v in vet.by_force):
        figs.append(
            bar_chart(
                "Vetting compliance (posts needing vetting, level held)",
                [(v.force, v.share or 0.0) for v in vet.by_force if v.supplied],
                percent=True,
                color=PALETTE[4],
            )
        )
    return figs


def tables(ret: ForceReturn) -> list[TableSpec]:
    """The return's tables, in the order of the charts."""
    out = [TableSpec("Key figures", ["figure", "value"], [[k, v] for k, v in headline(ret)])]
    p = ret.personnel
    out.append(
        TableSpec(
            "Personnel (distinct force + staff_id)",
            ["type", "people"],
            [[_label(k), f"{v:,}"] for k, v in p.model_dump().items()],
        )
    )
    out.append(
        TableSpec(
            "Victim markers",
            ["marker", "allegations", "share"],
            [
                [_label(k), f"{v:,}", _pct(ret.victim_marker_shares.get(k))]
                for k, v in ret.victim_markers.items()
            ],
        )
    )
    ttr = ret.time_to_refer
    out.append(
        TableSpec(
            "Referrals to the IOPC",
            ["figure", "value"],
            [
                ["referred", f"{ret.referred:,} ({_pct(ret.referred_share)})"],
                [
                    "median days to refer",
                    "–" if ttr.median_days is None else f"{ttr.median_days:g}",
                ],
                ["mean days to refer", "–" if ttr.mean_days is None else f"{ttr.mean_days:g}"],
                ["longest (days)", "–" if ttr.max_days is None else str(ttr.max_days)],
                ["by the end of the next day", f"{ttr.within_deadline:,}"],
                ["later", f"{ttr.late:,}"],
                ["mandatory (APSP) not referred", f"{ret.mandatory_not_referred:,}"],
            ],
        )
    )
    d = ret.dismissals
    out.append(
        TableSpec(
            "Outcomes",
            ["outcome", "allegations"],
            [
                *([_label(k), f"{v:,}"] for k, v in ret.outcomes.items()),
                ["open", f"{ret.open_allegations:,}"],
            ],
            note=f"{d.dismissed:,} dismissals against {d.allegations:,} allegations "
            f"({_pct(d.share)}); {d.personnel_dismissed:,} people dismissed.",
        )
    )
    if ret.by_force:
        out.append(
            TableSpec(
                "By force",
                [
                    "force",
                    "name",
                    "allegations",
                    "personnel",
                    "referred",
                    "dismissed",
                    "domestic abuse",
                ],
                [
                    [
                        f.force,
                        f.name or "",
                        f"{f.allegations:,}",
                        f"{f.personnel:,}",
                        f"{f.referred:,}",
                        f"{f.dismissed:,}",
                        f"{f.domestic_abuse_victim:,}",
                    ]
                    for f in ret.by_force
                ],
                note="Forces without an allegation: "
                + (", ".join(ret.forces_without_allegations) or "none")
                + ".",
            )
        )
    mon_rows = []
    for cov in ret.monitoring:
        for s in cov.systems:
            feed = {True: "yes", False: "no", None: "not stated"}[s.audit_feed]
            gaps = "; ".join(f"{g.start}–{g.end} ({g.days}d)" for g in s.gaps[:4])
            if len(s.gaps) > 4:
                gaps += f"; +{len(s.gaps) - 4} more"
            mon_rows.append(
                [
                    cov.force,
                    s.system_id + ("" if s.listed else " (not listed)"),
                    feed,
                    f"{s.events:,}",
                    f"{s.events_per_day:g}",
                    str(s.gap_days),
                    gaps,
                ]
            )
        if not cov.systems:
            mon_rows.append([cov.force, "no systems listed, no events", "", "0", "0", "", ""])
    out.append(
        TableSpec(
            "IT monitoring coverage",
            ["force", "system", "audit feed", "events", "per day", "gap days", "gaps"],
            mon_rows,
            note="Gaps: days without events on a feed that is declared but silent, or whose "
            "typical day carries events. Days are UTC.",
        )
    )
    vet = ret.vetting_compliance
    if vet is not None:
        out.append(
            TableSpec(
                f"Vetting compliance on {vet.as_of}",
                ["force", "supplied", "in vetted posts", "holding the level", "share"],
                [
                    [
                        v.force,
                        "yes" if v.supplied else "no",
                        f"{v.in_vetted_posts:,}",
                        f"{v.compliant:,}",
                        _pct(v.share),
                    ]
                    for v in vet.by_force
                ],
                note=f"Overall {_pct(vet.share)} of {vet.in_vetted_posts:,} people in posts that "
                "need vetting hold at least that level (forces that supplied vetting).",
            )
        )
    if ret.late_referrals:
        out.append(
            TableSpec(
                "Late or missing referrals",
                ["force", "allegation", "category", "received", "referred", "days"],
                [
                    [
                        r.force,
                        r.allegation,
                        r.category,
                        str(r.received),
                        str(r.referred) if r.referred else "not referred",
                        "" if r.days is None else str(r.days),
                    ]
                    for r in ret.late_referrals
                ],
            )
        )
    return out


def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))


def template_context(ret: ForceReturn) -> dict[str, Any]:
    """What the return templates need (also used by the web page)."""
    return {
        "ret": ret,
        "title": title_of(ret),
        "headline": headline(ret),
        # Our own SVG: every text in it is escaped by to_svg.
        "charts": [Markup(to_svg(f)) for f in figures(ret)],
        "tables": tables(ret),
    }


def render_html(ret: ForceReturn) -> str:
    """A self-contained HTML document."""
    return _environment().get_template("return.html").render(**template_context(ret))


def render_csv(ret: ForceReturn) -> str:
    """Long format: section, force, key, value (one figure per line)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["section", "force", "key", "value"])
    scope = ret.force or ("national" if ret.audience == "national" else "all")
    w.writerow(["period", scope, "from", ret.period["from"].isoformat()])
    w.writerow(["period", scope, "to", ret.period["to"].isoformat()])
    w.writerow(["filter", scope, "category", ret.category or ""])
    w.writerow(["allegations", scope, "allegations", ret.allegations])
    for k, v in ret.personnel.model_dump().items():
        w.writerow(["personnel", scope, k, v])
    for k, n in ret.victim_markers.items():
        w.writerow(["victim_markers", scope, k, n])
    w.writerow(["referred", scope, "referred", ret.referred])
    w.writerow(["referred", scope, "share", ret.referred_share])
    for k, v in ret.time_to_refer.model_dump().items():
        w.writerow(["time_to_refer", scope, k, v])
    for k, n in ret.outcomes.items():
        w.writerow(["outcomes", scope, k, n])
    w.writerow(["outcomes", scope, "open", ret.open_allegations])
    w.writerow(["forces", scope, "total", ret.forces.total])
    w.writerow(["forces", scope, "with_allegations", ret.forces.with_allegations])
    for f in ret.by_force:
        for k in ("allegations", "personnel", "referred", "dismissed", "domestic_abuse_victim"):
            w.writerow(["by_force", f.force, k, getattr(f, k)])
    for cov in ret.monitoring:
        for s in cov.systems:
            w.writerow(["monitoring", cov.force, f"{s.system_id}.events", s.events])
            w.writerow(["monitoring", cov.force, f"{s.system_id}.gap_days", s.gap_days])
    if ret.vetting_compliance:
        for v in ret.vetting_compliance.by_force:
            w.writerow(["vetting_compliance", v.force, "share", "" if v.share is None else v.share])
    return buf.getvalue()


def render_pdf(ret: ForceReturn) -> bytes:
    """A PDF: headline, charts, then tables (reportlab)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        KeepTogether,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    styles = getSampleStyleSheet()
    small = styles["BodyText"].clone("small", fontSize=7.5, leading=9)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=title_of(ret),
        author="custodiet",
    )
    story: list[Any] = [Paragraph(title_of(ret), styles["Title"])]
    story.append(
        Paragraph(" · ".join(f"<b>{k}</b>: {v}" for k, v in headline(ret)), styles["BodyText"])
    )
    story.append(Spacer(1, 4 * mm))
    for fig in figures(ret):
        story.append(to_drawing(fig))
        story.append(Spacer(1, 3 * mm))
    for spec in tables(ret):
        data = [[Paragraph(h, small) for h in spec.headers]]
        data += [
            [Paragraph(c.replace("&", "&amp;").replace("<", "&lt;"), small) for c in row]
            for row in spec.rows
        ]
        table = Table(data, repeatRows=1, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef3")),
                    ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#bbbbbb")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        block: list[Any] = [Paragraph(spec.title, styles["Heading3"]), table]
        if spec.note:
            block.append(Paragraph(spec.note, small))
        story.append(KeepTogether(block) if len(spec.rows) < 25 else block[0])
        if len(spec.rows) >= 25:
            story.extend(block[1:])
        story.append(Spacer(1, 3 * mm))
    doc.build(story)
    return buf.getvalue()


def render(ret: ForceReturn, fmt: str) -> bytes:
    """The return in `fmt` (json, html, pdf, csv) as bytes."""
    if fmt == "json":
        import json

        return (json.dumps(ret.as_json(), indent=2) + "\n").encode()
    if fmt == "html":
        return render_html(ret).encode()
    if fmt == "pdf":
        return render_pdf(ret)
    if fmt == "csv":
        return render_csv(ret).encode()
    raise ValueError(f"unknown format {fmt!r}: json, html, pdf or csv")
