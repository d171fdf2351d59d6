from datetime import date

import factory
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from allauth.socialaccount.models import SocialAccount, SocialApp

from wio.accounts.constants import OrganisationKind, Role, Sector
from wio.accounts.models import Membership, Organisation, OrganisationSignOn, Phase, Region, User

TEST_PASSWORD = "correct horse battery staple"
TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase
        django_get_or_create = ("number",)

    number = 1
    name = "Exploreren"
    starts_on = date(2021, 7, 1)
    ends_on = date(2021, 10, 31)
    cumulative_target_regions = 3


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    name = factory.Sequence(lambda n: f"Regio {n}")
    phase_joined = factory.SubFactory(PhaseFactory)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Gemeente {n}")
    kind = OrganisationKind.GEMEENTE
    code = factory.Sequence(lambda n: f"GM{n:04d}")
    region = factory.SubFactory(RegionFactory)

    class Params:
        swv = factory.Trait(
            kind=OrganisationKind.SWV,
            name=factory.Sequence(lambda n: f"Samenwerkingsverband PO {n}"),
            code=factory.Sequence(lambda n: f"PO {n:02d}-01"),
            sector=Sector.PO,
        )
        partner = factory.Trait(kind=OrganisationKind.PARTNER, name="Gedragswerk", code="", region=None)
        ministry = factory.Trait(kind=OrganisationKind.MINISTRY, name="OCW", code="", region=None)
        other = factory.Trait(kind=OrganisationKind.OTHER, name="Projectbureau", code="", region=None)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"gebruiker{n}@wio.example")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Gebruiker {n}")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def totp(self, create: bool, extracted: bool | None, **kwargs: object) -> None:
        """Users have an authenticator unless built with totp=False."""
        self.save()
        if create and extracted is not False:
            TOTP.activate(self, TEST_TOTP_SECRET)
            RecoveryCodes.activate(self)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.LPA


class SocialAppFactory(factory.django.DjangoModelFactory):
    """An organisation's OpenID provider as the functional administrator enters it."""

    class Meta:
        model = SocialApp

    provider = "openid_connect"
    provider_id = factory.Sequence(lambda n: f"gemeente-{n}")
    name = factory.Sequence(lambda n: f"Inlog gemeente {n}")
    client_id = "wio-test"
    secret = "wio-test-secret"
    settings = factory.LazyFunction(lambda: {"server_url": "http://127.0.0.1:9"})


class SocialAccountFactory(factory.django.DjangoModelFactory):
    """A WIO user linked to their organisation's provider."""

    class Meta:
        model = SocialAccount

    user = factory.SubFactory(UserFactory)
    provider = "gemeente-1"
    uid = factory.Sequence(lambda n: f"sub-{n}")


class OrganisationSignOnFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationSignOn

    organisation = factory.SubFactory(OrganisationFactory)
    app = factory.SubFactory(SocialAppFactory)
    email_domains = factory.LazyFunction(lambda: ["gemeente.example"])


# The organisation kind each role is held in, for building one user per role.
ROLE_ORGANISATION_TRAIT: dict[str, dict[str, bool]] = {
    Role.LPA: {},
    Role.ONDERSTEUNER: {},
    Role.SWV_COORDINATOR: {"swv": True},
    Role.PROJECT_STAFF: {"partner": True},
    Role.MINISTRY: {"ministry": True},
    Role.PRIVACY_OFFICER: {"other": True},
    Role.FUNCTIONAL_ADMIN: {"other": True},
}


def user_with_role(role: str, **user_fields: object) -> User:
    organisation = OrganisationFactory(**ROLE_ORGANISATION_TRAIT[role])
    user_kwargs = {f"user__{name}": value for name, value in user_fields.items()}
    membership = MembershipFactory(role=role, organisation=organisation, **user_kwargs)
    return membership.user


def has_totp(user: User) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
