"""The people of the national data set: case workers per municipality and partnership, and the
accounts the load driver signs in with (password + TOTP, the documented demo credentials).

Every load client has an account of its own: a TOTP code is accepted once per account, and eight
clients signing in within one 30-second window would otherwise share one code.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password

from allauth.mfa.totp.internal.auth import TOTP

from wio.accounts.constants import OrganisationKind, Role
from wio.accounts.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET
from wio.accounts.models import Membership, Organisation, User

from .shape import BIG_CITY_CODE, BIG_SWV_CODE

LOAD_CLIENTS = 8
LPAS_PER_GEMEENTE = 2
LPAS_IN_BIG_CITY = 30
# Sign-in accounts of the load driver: name -> (role, organisation kind, organisation code).
LOGIN_ACCOUNTS = {
    "lpa": (Role.LPA, OrganisationKind.GEMEENTE, BIG_CITY_CODE),
    "coordinator": (Role.SWV_COORDINATOR, OrganisationKind.SWV, BIG_SWV_CODE),
    "staff": (Role.PROJECT_STAFF, OrganisationKind.PARTNER, "GW"),
    "admin": (Role.FUNCTIONAL_ADMIN, OrganisationKind.OTHER, "WIO"),
}


def login_email(account: str, number: int) -> str:
    return f"bench-{account}-{number:02d}@wio.example"


@dataclass
class Staff:
    """Who works where: user ids per municipality and partnership (actors, action holders)."""

    by_gemeente: dict[int, list[int | None]] = field(default_factory=lambda: defaultdict(list))
    by_swv: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    labels: dict[int, str] = field(default_factory=dict)
    big_city: int = 0
    big_city_login_lpas: list[int] = field(default_factory=list)
    project_staff: list[int] = field(default_factory=list)


def _create(emails_and_roles: Sequence[tuple[str, str, Organisation]], password: str) -> list[User]:
    users = User.objects.bulk_create(
        [User(email=email, password=password, first_name="Bench", last_name=email.split("@")[0])
         for email, _role, _org in emails_and_roles]
    )  # fmt: skip
    Membership.objects.bulk_create(
        [Membership(user=user, organisation=org, role=role)
         for user, (_email, role, org) in zip(users, emails_and_roles, strict=True)]
    )  # fmt: skip
    return users


def _case_workers(password: str) -> list[tuple[User, str, Organisation]]:
    wanted = []
    for org in Organisation.objects.filter(kind__in=(OrganisationKind.GEMEENTE, OrganisationKind.SWV)):
        if org.kind == OrganisationKind.SWV:
            wanted.append((f"coordinator-{org.pk}@bench.wio.example", Role.SWV_COORDINATOR, org))
            continue
        count = LPAS_IN_BIG_CITY if org.code == BIG_CITY_CODE else LPAS_PER_GEMEENTE
        wanted += [(f"lpa-{org.pk}-{n}@bench.wio.example", Role.LPA, org) for n in range(count)]
    users = _create(wanted, password)
    return [(user, role, org) for user, (_e, role, org) in zip(users, wanted, strict=True)]


def _login_accounts(password: str) -> dict[str, list[User]]:
    accounts = {}
    for name, (role, kind, code) in LOGIN_ACCOUNTS.items():
        org = Organisation.objects.get(kind=kind, code=code)
        wanted = [(login_email(name, n), role, org) for n in range(1, LOAD_CLIENTS + 1)]
        accounts[name] = _create(wanted, password)
        for user in accounts[name]:
            TOTP.activate(user, DEMO_TOTP_SECRET)
    return accounts


def seed_people() -> Staff:
    password = make_password(DEMO_PASSWORD)  # hashed once: the same hash for every bench account
    staff = Staff()
    for user, role, org in _case_workers(password):
        (staff.by_swv if role == Role.SWV_COORDINATOR else staff.by_gemeente)[org.pk].append(user.pk)
        staff.labels[user.pk] = user.email
    accounts = _login_accounts(password)
    big_city = Organisation.objects.get(kind=OrganisationKind.GEMEENTE, code=BIG_CITY_CODE)
    staff.big_city = big_city.pk
    for user in accounts["lpa"]:
        staff.by_gemeente[big_city.pk].append(user.pk)
        staff.labels[user.pk] = user.email
        staff.big_city_login_lpas.append(user.pk)
    staff.project_staff = [user.pk for user in accounts["staff"]]
    return staff
