"""Jinja2 templates: one environment, helpers for badges and dates, flash messages."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from custodiet.users import permissions as perms
from custodiet.users.permissions import ROLE_LABELS
from custodiet.web.deps import csrf_token

TEMPLATES_DIR = Path(__file__).parent / "templates"
DISPLAY_TZ = ZoneInfo("Europe/London")


def fmt_dt(value: datetime | None) -> str:
    """A UTC timestamp shown in UK time to the minute."""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(DISPLAY_TZ).strftime("%d %b %Y %H:%M")


def fmt_date(value: date | datetime | None) -> str:
    """A date as 05 Jan 2026."""
    if value is None:
        return ""
    return value.strftime("%d %b %Y")


LABELS = {
    "apsp": "APSP (abuse of position for a sexual purpose)",
    "iopc": "IOPC",
    "pcso": "PCSO",
}


def humanise(value: str | None) -> str:
    """A code such as 'gross_misconduct' as 'Gross misconduct' ('apsp' as 'APSP (...)')."""
    if not value:
        return ""
    if value in LABELS:
        return LABELS[value]
    text = value.replace("_", " ")
    return text[:1].upper() + text[1:]


def json_script(value: Any) -> Markup:
    """JSON for a <script type="application/json"> block, safe against </script>."""
    text = json.dumps(value, default=str)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def flash(request: Request, message: str, kind: str = "info") -> None:
    """Queue a message for the next page the user sees."""
    queued = list(request.session.get("flash", []))
    queued.append([kind, message])
    request.session["flash"] = queued[-5:]


def pop_flashes(request: Request) -> list[list[str]]:
    """Take the queued messages."""
    queued = request.session.pop("flash", [])
    return list(queued) if isinstance(queued, list) else []


templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
templates.env.filters["dt"] = fmt_dt
templates.env.filters["d"] = fmt_date
templates.env.filters["human"] = humanise
templates.env.filters["json_script"] = json_script
templates.env.globals["P"] = perms
templates.env.globals["ROLE_LABELS"] = ROLE_LABELS
templates.env.globals["csrf_token"] = csrf_token
templates.env.globals["pop_flashes"] = pop_flashes


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, status_code: int = 200
) -> HTMLResponse:
    """Render a page with the current user in its context."""
    ctx: dict[str, Any] = {"user": getattr(request.state, "principal", None)}
    ctx.update(context or {})
    return templates.TemplateResponse(request, name, ctx, status_code=status_code)
