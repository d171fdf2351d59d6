"""Demo data for the platform: phases, 75 regions with their organisations, one user per role.

Everything is fictional. The demo password and TOTP secret are documented in the README; they only
exist on a database that `seed_demo` filled, and `seed_demo` refuses to run without DEBUG.
"""

from dataclasses import dataclass
from datetime import date

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP

from .constants import OrganisationKind, Role, Sector
from .demo_regions import DEMO_REGIONS, DemoRegion, validate_demo_regions
from .models import Membership, Organisation, Phase, Region, User

DEMO_PASSWORD = "WIO-demo-wachtwoord-2026"  # noqa: S105 - documented demo credential
DEMO_TOTP_SECRET = "WIODEMOSECRETKEYFORALLUSERSABCDE"  # noqa: S105 - documented demo credential

PHASES = (
    (1, "Exploreren", date(2021, 7, 1), date(2021, 10, 31), 3),
    (2, "(Her)ijken en opschalen", date(2021, 11, 1), date(2021, 12, 31), 14),
    (3, "Versterken en actie", date(2022, 1, 1), date(2022, 7, 31), 42),
    (4, "Verbreden en versterken", date(2022, 8, 1), date(2023, 7, 31), 75),
)

NATIONAL_ORGANISATIONS = (
    ("Gedragswerk", OrganisationKind.PARTNER, "GW"),
    ("Ondersteuningsteam Zorg voor de Jeugd (OZJ)", OrganisationKind.PARTNER, "OZJ"),
    ("Ingrado", OrganisationKind.PARTNER, "INGRADO"),
    ("Ministerie van Onderwijs, Cultuur en Wetenschap", OrganisationKind.MINISTRY, "OCW"),
    ("Ministerie van Volksgezondheid, Welzijn en Sport", OrganisationKind.MINISTRY, "VWS"),
    ("Landelijk projectbureau Wél in Ontwikkeling", OrganisationKind.OTHER, "WIO"),
)


@dataclass(frozen=True)
class DemoUser:
    email: str
    first_name: str
    last_name: str
    role: str
    organisation_kind: str
    organisation_code: str


DEMO_USERS = (
    DemoUser("lpa@wio.example", "Lotte", "Pieters", Role.LPA, OrganisationKind.GEMEENTE, "GM1681"),
    DemoUser(
        "ondersteuner@wio.example",
        "Sanne",
        "Oosterhuis",
        Role.ONDERSTEUNER,
        OrganisationKind.GEMEENTE,
        "GM1681",
    ),
    DemoUser(
        "coordinator@wio.example",
        "Karim",
        "de Vries",
        Role.SWV_COORDINATOR,
        OrganisationKind.SWV,
        "PO 22-02",
    ),
    DemoUser(
        "projectmedewerker@wio.example",
        "Noor",
        "Bakker",
        Role.PROJECT_STAFF,
        OrganisationKind.PARTNER,
        "GW",
    ),
    DemoUser("ministerie@wio.example", "Daan", "Visser", Role.MINISTRY, OrganisationKind.MINISTRY, "OCW"),
    DemoUser(
        "privacy@wio.example",
        "Femke",
        "Jansen",
        Role.PRIVACY_OFFICER,
        OrganisationKind.OTHER,
        "WIO",
    ),
    DemoUser(
        "beheer@wio.example",
        "Ruben",
        "Smit",
        Role.FUNCTIONAL_ADMIN,
        OrganisationKind.OTHER,
        "WIO",
    ),
)


def _seed_phases() -> dict[int, Phase]:
    phases = {}
    for number, name, starts_on, ends_on, target in PHASES:
        phases[number], _ = Phase.objects.get_or_create(
            number=number,
            defaults={
                "name": name,
                "starts_on": starts_on,
                "ends_on": ends_on,
                "cumulative_target_regions": target,
            },
        )
    return phases


def _seed_region(demo: DemoRegion, phase: Phase) -> None:
    region, _ = Region.objects.get_or_create(
        name=demo.name, defaults={"phase_joined": phase, "is_pilot": demo.pilot}
    )
    for sector in (Sector.PO, Sector.VO):
        Organisation.objects.get_or_create(
            kind=OrganisationKind.SWV,
            code=f"{sector} {demo.swv_code}",
            defaults={
                "name": f"Samenwerkingsverband {sector} {demo.swv_name}",
                "sector": sector,
                "region": region,
            },
        )
    for gemeente in demo.gemeenten:
        Organisation.objects.get_or_create(
            kind=OrganisationKind.GEMEENTE,
            code=gemeente.cbs_code,
            defaults={"name": f"Gemeente {gemeente.name}", "region": region},
        )


def _seed_user(demo: DemoUser) -> User:
    user = User.objects.filter(email=demo.email).first()
    if user is None:
        user = User.objects.create_user(
            email=demo.email,
            password=DEMO_PASSWORD,
            first_name=demo.first_name,
            last_name=demo.last_name,
        )
    organisation = Organisation.objects.get(kind=demo.organisation_kind, code=demo.organisation_code)
    Membership.objects.get_or_create(user=user, organisation=organisation, role=demo.role)
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
        RecoveryCodes.activate(user)
    return user


def seed() -> str:
    validate_demo_regions()
    phases = _seed_phases()
    for demo_region in DEMO_REGIONS:
        _seed_region(demo_region, phases[demo_region.phase])
    for name, kind, code in NATIONAL_ORGANISATIONS:
        Organisation.objects.get_or_create(kind=kind, code=code, defaults={"name": name})
    for demo_user in DEMO_USERS:
        _seed_user(demo_user)
    return f"{len(PHASES)} phases, {len(DEMO_REGIONS)} regions, {len(DEMO_USERS)} demo users"
