from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

import pyotp
import pytest
from allauth.mfa.models import Authenticator

from wio.accounts.constants import OrganisationKind, Role
from wio.accounts.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET
from wio.accounts.models import Membership, Organisation, Phase, Region, User

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_seed_demo_builds_the_rollout_and_one_user_per_role() -> None:
    call_command("seed_demo")

    assert list(Phase.objects.values_list("cumulative_target_regions", flat=True)) == [3, 14, 42, 75]
    assert Region.objects.count() == 75
    pilots = set(Region.objects.filter(is_pilot=True).values_list("name", flat=True))
    assert pilots == {"Rotterdam", "Zuid-Kennemerland", "Emmen / Borger-Odoorn"}
    assert set(Region.objects.filter(phase_joined__number=1).values_list("name", flat=True)) == pilots
    for region in Region.objects.all():
        kinds = list(region.organisations.values_list("kind", "sector"))
        assert (OrganisationKind.SWV, "PO") in kinds, region
        assert (OrganisationKind.SWV, "VO") in kinds, region
        assert any(kind == OrganisationKind.GEMEENTE for kind, _ in kinds), region
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)
    for user in User.objects.all():
        assert user.check_password(DEMO_PASSWORD)
        assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        assert Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).exists()
    assert Organisation.objects.get(kind=OrganisationKind.GEMEENTE, name="Gemeente Borger-Odoorn")
    assert len(pyotp.TOTP(DEMO_TOTP_SECRET).now()) == 6


@override_settings(DEBUG=True)
def test_seed_demo_is_idempotent() -> None:
    call_command("seed_demo")
    counts = (User.objects.count(), Organisation.objects.count(), Membership.objects.count())

    call_command("seed_demo")

    assert (User.objects.count(), Organisation.objects.count(), Membership.objects.count()) == counts
    assert Authenticator.objects.count() == 2 * User.objects.count()


@override_settings(DEBUG=False)
def test_seed_demo_refuses_without_debug() -> None:
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert not User.objects.exists()
