"""The logged-in user as the services see them: who, which force(s), which permissions."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Principal:
    """An authenticated user; services scope every query by it."""

    user_id: int
    username: str
    role: str
    display_name: str = ""
    force: str | None = None  # None: every force
    staff_id: str | None = None
    permissions: frozenset[str] = field(default_factory=frozenset)

    def can(self, permission: str) -> bool:
        """Whether the user's role grants `permission`."""
        return permission in self.permissions

    def sees_force(self, force: str) -> bool:
        """Whether the user may see data of `force` at all."""
        return self.force is None or self.force == force

    def is_person(self, force: str, staff_id: str | None) -> bool:
        """Whether force + staff_id is the user themself (who must never see it)."""
        return (
            self.staff_id is not None
            and staff_id is not None
            and self.force == force
            and self.staff_id == staff_id
        )

    @property
    def label(self) -> str:
        """A name to show: the display name, else the username."""
        return self.display_name or self.username


class AccessDenied(PermissionError):
    """The user may not do this (shown as 403)."""


class NotFound(LookupError):
    """No such object, or not one the user may see (shown as 404, so existence does not leak)."""


class InvalidInput(ValueError):
    """The request is well-formed but its content is not acceptable (shown with the form)."""
