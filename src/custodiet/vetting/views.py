"""Vetting officer's pages and API: backlog, reviews with decisions, one person's register.

Scoped to the user's force; a user never sees their own vetting record here. Every page
that shows people is recorded in the audit trail.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import duckdb
from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import ChoiceLoader, FileSystemLoader
from sqlalchemy.orm import Session

from custodiet.audit.service import record
from custodiet.config import Settings
from custodiet.db import utcnow
from custodiet.lake.store import open_lake
from custodiet.users.permissions import VETTING_EDIT, VETTING_VIEW
from custodiet.users.principal import InvalidInput, NotFound, Principal
from custodiet.vetting.models import DECISIONS, VettingReview
from custodiet.vetting.policy import PolicyError, PolicySet, load_policy
from custodiet.vetting.service import (
    Backlog,
    VettingError,
    compute_backlog,
    decide_review,
    list_reviews,
    load_register,
    person_summary,
    raise_reviews,
    review_json,
)
from custodiet.web.deps import (
    CsrfChecked,
    SessionDep,
    SettingsDep,
    client_ip,
    require_permission,
)
from custodiet.web.templating import flash
from custodiet.web.templating import templates as web_templates

pages = APIRouter(tags=["pages"], include_in_schema=False)
api = APIRouter(prefix="/api/vetting", tags=["vetting"])

Reader = Annotated[Principal, Depends(require_permission(VETTING_VIEW))]
Writer = Annotated[Principal, Depends(require_permission(VETTING_VIEW, VETTING_EDIT))]

templates = Jinja2Templates(
    env=web_templates.env.overlay(
        loader=ChoiceLoader(
            [
                FileSystemLoader(str(Path(__file__).parent / "templates")),
                *([web_templates.env.loader] if web_templates.env.loader else []),
            ]
        )
    )
)


def _render(request: Request, name: str, ctx: dict[str, Any], status: int = 200) -> HTMLResponse:
    context: dict[str, Any] = {"user": getattr(request.state, "principal", None), "nav": "vetting"}
    context.update(ctx)
    return templates.TemplateResponse(request, name, context, status_code=status)


def _policies(settings: Settings) -> PolicySet:
    try:
        return load_policy(settings.home)
    except PolicyError as exc:
        raise InvalidInput(f"vetting.toml: {exc}") from exc


@contextmanager
def _lake(settings: Settings) -> Iterator[duckdb.DuckDBPyConnection]:
    try:
        with open_lake(settings.lake_path, read_only=True) as con:
            yield con
    except duckdb.Error as exc:
        raise InvalidInput(f"The lake is busy or unreadable ({exc}); try again shortly.") from exc


def _visible_backlog(backlog: Backlog, user: Principal) -> Backlog:
    backlog.items = [i for i in backlog.items if not user.is_person(i.force, i.staff_id)]
    return backlog


def _visible_reviews(reviews: list[VettingReview], user: Principal) -> list[VettingReview]:
    return [
        r for r in reviews if user.sees_force(r.force) and not user.is_person(r.force, r.staff_id)
    ]


def _get_review(session: Session, user: Principal, review_id: int) -> VettingReview:
    review = session.get(VettingReview, review_id)
    if (
        review is None
        or not user.sees_force(review.force)
        or user.is_person(review.force, review.staff_id)
    ):
        raise NotFound
    return review


def _backlog(session: Session, settings: Settings, user: Principal, as_of: date) -> Backlog:
    policies = _policies(settings)
    with _lake(settings) as lake:
        register = load_register(
            session=session, lake_con=lake, policies=policies, as_of=as_of, force=user.force
        )
        return _visible_backlog(compute_backlog(register=register, policies=policies), user)


@pages.get("/vetting", response_class=HTMLResponse)
def vetting_home(
    request: Request,
    user: Reader,
    session: SessionDep,
    settings: SettingsDep,
    status: str = "open",
) -> HTMLResponse:
    """The backlog and the review queue."""
    today = utcnow().date()
    backlog = _backlog(session, settings, user, today)
    policies = _policies(settings)
    policy = policies.for_force(user.force) if user.force else policies.default
    reviews = _visible_reviews(
        list_reviews(session=session, force=user.force, status=None if status == "all" else status),
        user,
    )
    record(
        session,
        actor=user,
        action="view",
        object_type="vetting",
        force=user.force,
        summary="vetting backlog and reviews",
        ip=client_ip(request),
    )
    session.commit()
    return _render(
        request,
        "vetting/home.html",
        {
            "page_title": "Vetting",
            "backlog": backlog,
            "counts": backlog.counts(),
            "reviews": [review_json(r, as_of=today) for r in reviews],
            "status": status,
            "today": today,
            "due_soon_days": policy.due_soon_days,
        },
    )


@pages.post("/vetting/reviews/raise", dependencies=[CsrfChecked])
def vetting_raise(
    request: Request, user: Writer, session: SessionDep, settings: SettingsDep
) -> Response:
    """Raise reviews for every new trigger (idempotent)."""
    policies = _policies(settings)
    with _lake(settings) as lake:
        result = raise_reviews(
            session=session,
            lake_con=lake,
            policies=policies,
            as_of=utcnow().date(),
            force=user.force,
        )
    record(
        session,
        actor=user,
        action="raise",
        object_type="vetting_review",
        force=user.force,
        summary="raised vetting reviews",
        details=result.as_json(),
        ip=client_ip(request),
    )
    session.commit()
    total = sum(result.raised.values())
    flash(request, f"Raised {total} new review(s); {result.already} already raised.")
    return RedirectResponse("/vetting", status_code=303)


@pages.get("/vetting/reviews/{review_id}", response_class=HTMLResponse)
def vetting_review(
    request: Request, review_id: int, user: Reader, session: SessionDep, settings: SettingsDep
) -> HTMLResponse:
    """One review with the person's register and the decision form."""
    review = _get_review(session, user, review_id)
    today = utcnow().date()
    policies = _policies(settings)
    with _lake(settings) as lake:
        register = load_register(
            session=session, lake_con=lake, policies=policies, as_of=today, force=review.force
        )
    person = person_summary(
        register=register, policies=policies, force=review.force, staff_id=review.staff_id
    )
    record(
        session,
        actor=user,
        action="view",
        object_type="vetting_review",
        object_id=review.id,
        force=review.force,
        subject_staff_id=review.staff_id,
        summary=f"vetting review {review.id}",
        ip=client_ip(request),
    )
    session.commit()
    return _render(
        request,
        "vetting/review.html",
        {
            "page_title": f"Vetting review {review.id}",
            "review": review_json(review, as_of=today),
            "person": person,
            "decisions": DECISIONS,
        },
    )


@pages.post("/vetting/reviews/{review_id}/decide", dependencies=[CsrfChecked])
def vetting_decide(
    request: Request,
    review_id: int,
    user: Writer,
    session: SessionDep,
    settings: SettingsDep,
    decision: Annotated[str, Form()],
    reason: Annotated[str, Form()] = "",
    conditions: Annotated[str, Form()] = "",
) -> Response:
    """Record the decision on a review."""
    review = _get_review(session, user, review_id)
    policies = _policies(settings)
    with _lake(settings) as lake:
        try:
            decide_review(
                session=session,
                lake_con=lake,
                policies=policies,
                review_id=review.id,
                decision=decision,
                reason=reason,
                by=user.username,
                conditions=conditions or None,
                as_of=utcnow().date(),
            )
        except VettingError as exc:
            raise InvalidInput(str(exc)) from exc
    record(
        session,
        actor=user,
        action="decide",
        object_type="vetting_review",
        object_id=review.id,
        force=review.force,
        subject_staff_id=review.staff_id,
        summary=f"vetting review {review.id}: {decision}",
        details={"reason": reason},
        ip=client_ip(request),
    )
    session.commit()
    flash(request, f"Review {review.id}: {decision} recorded.")
    return RedirectResponse(f"/vetting/reviews/{review.id}", status_code=303)


@pages.get("/vetting/people/{force}/{staff_id}", response_class=HTMLResponse)
def vetting_person(
    request: Request,
    force: str,
    staff_id: str,
    user: Reader,
    session: SessionDep,
    settings: SettingsDep,
) -> HTMLResponse:
    """One person's clearances, posts and reviews."""
    if not user.sees_force(force) or user.is_person(force, staff_id):
        raise NotFound
    today = utcnow().date()
    policies = _policies(settings)
    with _lake(settings) as lake:
        register = load_register(
            session=session, lake_con=lake, policies=policies, as_of=today, force=force
        )
    if (force, staff_id) not in register.people and (force, staff_id) not in register.clearances:
        raise NotFound
    person = person_summary(register=register, policies=policies, force=force, staff_id=staff_id)
    reviews = list_reviews(session=session, force=force, staff_id=staff_id, status=None)
    record(
        session,
        actor=user,
        action="view",
        object_type="vetting_person",
        force=force,
        subject_staff_id=staff_id,
        summary=f"vetting register of {force}/{staff_id}",
        ip=client_ip(request),
    )
    session.commit()
    return _render(
        request,
        "vetting/person.html",
        {
            "page_title": f"Vetting: {staff_id}",
            "person": person,
            "reviews": [review_json(r, as_of=today) for r in reviews],
        },
    )


@api.get("/backlog")
def api_backlog(
    request: Request, user: Reader, session: SessionDep, settings: SettingsDep
) -> JSONResponse:
    """The backlog as JSON (the same as `custodiet vetting backlog --format json`)."""
    backlog = _backlog(session, settings, user, utcnow().date())
    record(
        session,
        actor=user,
        action="list",
        object_type="vetting",
        force=user.force,
        summary="vetting backlog (API)",
        ip=client_ip(request),
    )
    session.commit()
    return JSONResponse(backlog.as_json())


@api.get("/reviews")
def api_reviews(
    request: Request, user: Reader, session: SessionDep, status: str = "open"
) -> JSONResponse:
    """Reviews as JSON."""
    today = utcnow().date()
    reviews = _visible_reviews(
        list_reviews(session=session, force=user.force, status=None if status == "all" else status),
        user,
    )
    record(
        session,
        actor=user,
        action="list",
        object_type="vetting_review",
        force=user.force,
        summary="vetting reviews (API)",
        ip=client_ip(request),
    )
    session.commit()
    return JSONResponse({"reviews": [review_json(r, as_of=today) for r in reviews]})
