"""Expectations for the role × URL matrix: what each kind of user gets on a URL."""

from collections.abc import Callable
from dataclasses import dataclass, field

from wio.accounts.constants import Role

OK, LOGIN, ENROL, FORBIDDEN, NOT_FOUND, REDIRECT = (
    "200",
    "login",
    "enrol",
    "403",
    "404",
    "redirect",
)
ANONYMOUS, UNENROLLED = "anonymous", "unenrolled"
ROLES = list(Role.values)
ALL_SUBJECTS = [ANONYMOUS, UNENROLLED, *ROLES]


@dataclass(frozen=True)
class Expect:
    anonymous: str
    unenrolled: str
    roles: dict[str, str] = field(default_factory=dict)
    every_role: str = OK
    path: Callable[[], str] | None = None  # for patterns with arguments
    method: str = "GET"  # POST-only views are exercised with POST (CSRF checks are off in tests)

    def outcome_for(self, subject: str) -> str:
        if subject == ANONYMOUS:
            return self.anonymous
        if subject == UNENROLLED:
            return self.unenrolled
        return self.roles.get(subject, self.every_role)


PUBLIC = Expect(anonymous=OK, unenrolled=OK)
SIGNED_IN = Expect(anonymous=LOGIN, unenrolled=ENROL)


def only(*roles: str) -> dict[str, str]:
    """The listed roles get 200, every other role 403 (function level, AC-4)."""
    return {role: (OK if role in roles else FORBIDDEN) for role in ROLES}
