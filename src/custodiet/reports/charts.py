"""Charts drawn server-side: one geometry, rendered as inline SVG (HTML) or reportlab (PDF).

No JavaScript is needed to read a return, so the same chart appears in the browser, in a
saved HTML file and in the PDF.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from html import escape

from reportlab.graphics.shapes import Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors

PALETTE = ("#1f5f8b", "#c2571a", "#3a7d44", "#7b4f9d", "#b8860b", "#8b1e3f", "#2f8f9d")
TEXT = "#222222"
GRID = "#cccccc"


@dataclass(frozen=True)
class Box:
    """A filled rectangle (y grows downwards)."""

    x: float
    y: float
    w: float
    h: float
    fill: str


@dataclass(frozen=True)
class Text:
    """A line of text anchored at (x, y) baseline."""

    x: float
    y: float
    text: str
    size: float = 10
    anchor: str = "start"  # start | middle | end
    bold: bool = False


@dataclass(frozen=True)
class Stroke:
    """A polyline."""

    points: tuple[tuple[float, float], ...]
    color: str
    width: float = 1.0


@dataclass
class Figure:
    """A chart as primitives in a width x height canvas."""

    width: float
    height: float
    title: str
    items: list[Box | Text | Stroke] = field(default_factory=list)


def bar_chart(
    title: str,
    data: list[tuple[str, float]],
    *,
    width: float = 520,
    percent: bool = False,
    color: str = PALETTE[0],
) -> Figure:
    """Horizontal bars, one per label, with the value at the end of each bar."""
    row, label_w, top = 18.0, 170.0, 26.0
    fig = Figure(width=width, height=top + row * max(len(data), 1) + 8, title=title)
    fig.items.append(Text(0, 14, title, size=11, bold=True))
    biggest = max((v for _, v in data), default=0) or 1
    span = width - label_w - 60
    for i, (label, value) in enumerate(data):
        y = top + i * row
        fig.items.append(Text(label_w - 6, y + 12, label, size=9, anchor="end"))
        w = span * value / biggest
        fig.items.append(Box(label_w, y + 2, max(w, 0.5), row - 5, color))
        shown = f"{value:.0%}" if percent else f"{value:,.0f}"
        fig.items.append(Text(label_w + w + 4, y + 12, shown, size=9))
    if not data:
        fig.items.append(Text(label_w, top + 12, "nothing to show", size=9))
    return fig


def line_chart(
    title: str,
    days: list[date],
    series: dict[str, list[int]],
    *,
    width: float = 520,
    height: float = 170,
) -> Figure:
    """Events per day, one line per series, with a legend and the period's first/last day."""
    fig = Figure(width=width, height=height, title=title)
    fig.items.append(Text(0, 14, title, size=11, bold=True))
    left, right, top, bottom = 44.0, width - 8, 26.0, height - 34
    biggest = max((max(v) for v in series.values() if v), default=0) or 1
    fig.items.append(Stroke(((left, bottom), (right, bottom)), GRID))
    fig.items.append(Stroke(((left, top), (left, bottom)), GRID))
    fig.items.append(Text(left - 4, top + 8, f"{biggest:,}", size=8, anchor="end"))
    fig.items.append(Text(left - 4, bottom, "0", size=8, anchor="end"))
    if days:
        fig.items.append(Text(left, bottom + 12, days[0].isoformat(), size=8))
        fig.items.append(Text(right, bottom + 12, days[-1].isoformat(), size=8, anchor="end"))
    n = max(len(days) - 1, 1)
    for i, (name, values) in enumerate(series.items()):
        color = PALETTE[i % len(PALETTE)]
        points = tuple(
            (left + (right - left) * j / n, bottom - (bottom - top) * v / biggest)
            for j, v in enumerate(values)
        )
        if len(points) == 1:
            points = (points[0], (right, points[0][1]))
        if points:
            fig.items.append(Stroke(points, color, 1.2))
        lx = left + i * 110
        fig.items.append(Box(lx, height - 12, 10, 6, color))
        fig.items.append(Text(lx + 14, height - 6, name[:16], size=8))
    return fig


def to_svg(fig: Figure) -> str:
    """The figure as an inline SVG element."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{fig.width:.0f}" '
        f'height="{fig.height:.0f}" viewBox="0 0 {fig.width:.0f} {fig.height:.0f}" '
        f'font-family="Helvetica, Arial, sans-serif"><title>{escape(fig.title)}</title>'
    ]
    for item in fig.items:
        if isinstance(item, Box):
            parts.append(
                f'<rect x="{item.x:.1f}" y="{item.y:.1f}" width="{item.w:.1f}" '
                f'height="{item.h:.1f}" fill="{item.fill}"/>'
            )
        elif isinstance(item, Text):
            weight = ' font-weight="bold"' if item.bold else ""
            parts.append(
                f'<text x="{item.x:.1f}" y="{item.y:.1f}" font-size="{item.size}" '
                f'text-anchor="{item.anchor}" fill="{TEXT}"{weight}>'
                f"{escape(item.text)}</text>"
            )
        else:
            pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in item.points)
            parts.append(
                f'<polyline points="{pts}" fill="none" stroke="{item.color}" '
                f'stroke-width="{item.width}"/>'
            )
    parts.append("</svg>")
    return "".join(parts)


def to_drawing(fig: Figure, *, scale: float = 0.9) -> Drawing:
    """The figure as a reportlab Drawing (PDF coordinates: y grows upwards)."""
    h = fig.height
    drawing = Drawing(fig.width * scale, h * scale)

    def y(v: float) -> float:
        return (h - v) * scale

    for item in fig.items:
        if isinstance(item, Box):
            drawing.add(
                Rect(
                    item.x * scale,
                    y(item.y + item.h),
                    item.w * scale,
                    item.h * scale,
                    fillColor=colors.HexColor(item.fill),
                    strokeColor=None,
                )
            )
        elif isinstance(item, Text):
            drawing.add(
                String(
                    item.x * scale,
                    y(item.y),
                    item.text,
                    fontName="Helvetica-Bold" if item.bold else "Helvetica",
                    fontSize=item.size * scale,
                    textAnchor=item.anchor,
                    fillColor=colors.HexColor(TEXT),
                )
            )
        elif len(item.points) == 2:
            (x1, y1), (x2, y2) = item.points
            drawing.add(
                Line(
                    x1 * scale,
                    y(y1),
                    x2 * scale,
                    y(y2),
                    strokeColor=colors.HexColor(item.color),
                    strokeWidth=item.width,
                )
            )
        else:
            flat = [c for x, yy in item.points for c in (x * scale, y(yy))]
            drawing.add(
                PolyLine(flat, strokeColor=colors.HexColor(item.color), strokeWidth=item.width)
            )
    return drawing
