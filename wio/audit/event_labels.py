"""Audit event codes in words a privacy officer reads ("case.detail" → "Casus bekeken").

Event types are dotted codes built from an object and a verb ("case.attachment.download", and for
dossier sections "case.<model name>.<verb>"). The words are composed from the parts, so a new event
type reads sensibly without a table entry; whole codes whose meaning is not the sum of their parts
are listed as such. Model names are taken from the models' own (translated) verbose names.
"""

from django.apps import apps
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wio.accounts.constants import Role

WHOLE_CODES: dict[str, Promise] = {
    "auth.login": _("Signed in"),
    "auth.logout": _("Signed out"),
    "auth.login_failed": _("Sign-in failed"),
    "auth.login_locked": _("Sign-in locked"),
    "auth.login_delayed": _("Sign-in delayed"),
    "auth.login_expired": _("Sign-in with an expired account"),
    "auth.login_sso_required": _("Password sign-in refused: the organisation's sign-in is required"),
    "auth.sso_login": _("Signed in through the organisation"),
    "auth.sso_refused": _("Sign-in through the organisation refused"),
    "auth.mfa_added": _("Two-step verification set up"),
    "auth.mfa_removed": _("Two-step verification removed"),
    "auth.mfa_reset": _("Two-step verification reset"),
    "auth.mfa_failed": _("Wrong verification code"),
    "auth.password_changed": _("Password changed"),
    "auth.reauthentication_failed": _("Confirming the password failed"),
    "http.forbidden": _("Access refused"),
    "http.rate_limited": _("Too many requests"),
    "http.unauthorized": _("Refused without valid credentials"),
    "page.read": _("Page viewed"),
    "audit.list": _("Audit trail viewed"),
    "audit.export": _("Audit trail exported"),
    "audit.retention_purge": _("Expired audit events removed"),
    "case.my_work": _("My work viewed"),
    "case.my_work.digest": _("Weekly digest sent"),
    "case.search": _("Cases searched"),
    "case.status": _("Case status changed"),
    "case.print": _("Case file printed"),
    "case.section": _("More of a case file section viewed"),
    "case.edit_form": _("Case edit form opened"),
    "case.import_duplicate": _("Duplicate in a case import"),
    "case.digest_preference": _("Digest preference changed"),
    "monitor.dashboard": _("Monitor dashboard viewed"),
    "monitor.export": _("Monitor figures exported"),
    "monitor.api_tables": _("Published monitor tables read through the API"),
    "api.client_created": _("API client created"),
    "api.client_revoked": _("API client revoked"),
    "api.token_issued": _("API client signed in (token issued)"),
    "api.token_refused": _("API client sign-in refused"),
    "account.sessions_ended": _("Sessions ended"),
    "account.deactivated": _("Account deactivated"),
    "account.expired_unenrolled": _("Unenrolled account expired"),
    "account.enrolment_reopened": _("Enrolment reopened"),
    "account.sign_on_linked": _("Linked to the organisation's sign-in"),
    "account.sign_on_idle_sessions_ended": _("Sessions ended: no sign-in through the organisation"),
    "account.mfa_daily_limit": _("Daily limit of verification codes reached"),
    "account.mfa_reset": _("Two-step verification reset"),
    "account.invited": _("Invitation link sent"),
    "case.list": _("Case list viewed"),
    "beraad.list": _("List of beraden viewed"),
    "monitor.story.list": _("List of stories viewed"),
    "case.time_entry.list": _("Hours overview viewed"),
    "beraad.participant.answer": _("Participant's answer recorded"),
    "beraad.participant.attendance": _("Participant's attendance recorded"),
    "case.knelpunt.status": _("Status of a bottleneck changed"),
    "beraad.preparation_waiver": _("Preparation waived"),
    "beraad.parents_approved": _("Parents agreed to the table"),
}

OBJECT_WORDS: dict[str, Promise] = {
    "case": _("Case"),
    "case_import": _("Case import"),
    "beraad": _("Beraad"),
    "monitor": _("Monitor"),
    "report": _("Report"),
    "account": _("Account"),
    "audit": _("Audit trail"),
    "auth": _("Sign-in"),
    "attachment": _("Attachment"),
    "time_entry": _("Hours"),
    "calendar_feed": _("Calendar feed"),
    "invitation": _("Invitation"),
    "invitations": _("Invitations"),
    "pack": _("Preparation pack"),
    "pack_pdf": _("Preparation pack (PDF)"),
    "outcome": _("Outcome"),
    "notes": _("Minutes"),
    "step": _("Method step"),
    "evaluation": _("Evaluation"),
    "follow_up_action": _("Follow-up action"),
    "preparation_waiver": _("Preparation waiver"),
    "parents_approved": _("Parents' approval"),
    "story": _("Story"),
    "theme": _("Common thread"),
    "lesson": _("Lesson"),
    "accountability": _("Accountability answer"),
    "role": _("Role"),
    "absenteeism": _("Absolute absenteeism details"),
    "exemption": _("Exemption details"),
    "preparation": _("Preparation checklist"),
    "commitment": _("Commitment"),
    "handover": _("Handover"),
    "perspective": _("Perspective"),
    "reflection": _("Reflection"),
    "destruction_list": _("Destruction list"),
    "subject_access": _("Subject-access overview"),
    "rode_draad": _("Common thread"),
    "meeting_place": _("Meeting place"),
}

VERB_WORDS: dict[str, Promise] = {
    "detail": _("viewed"),
    "read": _("viewed"),
    "list": _("list viewed"),
    "create": _("added"),
    "add": _("added"),
    "plan": _("planned"),
    "update": _("changed"),
    "save": _("saved"),
    "delete": _("deleted"),
    "remove": _("removed"),
    "delete_form": _("deletion asked"),
    "edit_form": _("edit form opened"),
    "download": _("downloaded"),
    "print": _("printed"),
    "out_of_scope": _("refused (outside your scope)"),
    "no_role": _("refused (no role at the table)"),
    "send": _("sending asked"),
    "sent": _("sent"),
    "withdraw": _("withdrawn"),
    "withdrawn": _("withdrawn"),
    "consent_withdrawn": _("withdrawn after consent was withdrawn"),
    "revoke": _("revoked"),
    "cancel": _("cancelled"),
    "held": _("marked as held"),
    "status": _("status changed"),
    "generate": _("made"),
    "request": _("requested"),
    "requested": _("requested"),
    "publish": _("published"),
    "retry": _("retried"),
    "approve": _("approved"),
    "review": _("reviewed"),
    "upload": _("uploaded"),
    "preview": _("previewed"),
    "commit": _("imported"),
    "done": _("completed"),
    "answer": _("answer recorded"),
    "attendance": _("attendance recorded"),
    "granted": _("granted"),
    "refused": _("refused"),
    "changed": _("changed"),
    "export": _("exported"),
    "accept": _("accepted"),
    "decline": _("declined"),
    "destroy": _("destroyed"),
    "delete_in_error": _("deleted (registered in error)"),
    "purge_abandoned": _("removed (abandoned)"),
    "cancel_form": _("withdrawal asked"),
    "discard": _("removed (out of date)"),
    "release": _("released for the monitor"),
    "reissue": _("re-issued"),
    "deactivate": _("taken out of use"),
    "reactivate": _("taken back into use"),
}


def _model_word(name: str) -> str | None:
    for model in apps.get_models():
        if model._meta.model_name == name:
            return capfirst(str(model._meta.verbose_name))
    return None


def _object_word(name: str) -> str | None:
    if name in OBJECT_WORDS:
        return str(OBJECT_WORDS[name])
    return _model_word(name)


def _subject_and_verb(parts: list[str]) -> tuple[str, str]:
    """The object and verb of a code: "x.participant.add", "account.role_granted", "beraad.pack"."""
    *objects, last = parts
    if last in VERB_WORDS:
        return objects[-1], last
    if _object_word(last) is not None:
        return last, "read"  # a code naming only its object records that it was shown
    subject, _sep, verb = last.rpartition("_")
    return subject, verb


def event_label(event_type: str) -> str:
    """The event in Dutch words; an unknown code is shown as it is, so nothing is hidden."""
    if event_type in WHOLE_CODES:
        return str(WHOLE_CODES[event_type])
    parts = event_type.split(".")
    if len(parts) < 2:
        return event_type
    subject_code, verb = _subject_and_verb(parts)
    subject, action = _object_word(subject_code), VERB_WORDS.get(verb)
    if subject is None or action is None:
        return event_type
    return f"{subject} {action}"


def is_labelled(event_type: str) -> bool:
    return event_label(event_type) != event_type


def role_label(role: str) -> str:
    return str(Role(role).label) if role in Role.values else role


def object_label(object_type: str) -> str:
    """ "cases.case" → "Casus"; an unknown type stays as it is."""
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return object_type
    return capfirst(str(model._meta.verbose_name))


def object_words(object_type: str, object_id: str, youth_ref: str) -> str:
    """ "Casus WIO-…" for a case, "Bijlage 12" for anything else; empty when no object is named."""
    if not object_type:
        return ""
    named = youth_ref if object_type == "cases.case" and youth_ref else object_id
    return f"{object_label(object_type)} {named}".strip()


# The filter's choice list: a group per object, matched as a prefix of the event code.
EVENT_GROUP_CHOICES: list[tuple[str, Promise]] = [
    ("case.", _("Case files")),
    ("case_import.", _("Case imports")),
    ("beraad.", _("Moreel Beraad")),
    ("monitor.", _("Monitor and reports")),
    ("auth.", _("Signing in")),
    ("account.", _("Accounts and roles")),
    ("audit.", _("Audit trail")),
    ("http.", _("Refused requests")),
]
