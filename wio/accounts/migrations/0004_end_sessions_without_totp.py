"""The MFA gate now trusts a session's "second factor used" mark without asking the database, and
removing a TOTP ends every session of its user. A user who removed their TOTP before that rule
existed may still have a marked session: end the sessions of every user without a TOTP once."""

import uuid

from django.db import migrations
from django.db.models import Exists, OuterRef


def end_sessions_of_users_without_totp(apps, schema_editor):  # type: ignore[no-untyped-def]
    user_model = apps.get_model("accounts", "User")
    authenticator = apps.get_model("mfa", "Authenticator")
    totp = authenticator.objects.filter(user=OuterRef("pk"), type="totp")
    for user_id in user_model.objects.exclude(Exists(totp)).values_list("pk", flat=True).iterator():
        user_model.objects.filter(pk=user_id).update(session_stamp=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_membership_request"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(end_sessions_of_users_without_totp, migrations.RunPython.noop)]
