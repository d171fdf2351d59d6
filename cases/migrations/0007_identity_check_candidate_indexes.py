"""Indexes for the identity check at national scale (issue 13, ADR 0025), on PostgreSQL only.

`cases.identity_candidates` reads only the cases and betrokkenen a text could name: a GIN index on the
words of the names, and small partial indexes on the names a word lookup could miss and on references
not in the standard WIO-XXXXXXX form. The expressions are those of `cases.identity_candidates`, copied
(a test checks they still agree). SQLite (the embedded demo) reads every case instead.
"""

from django.db import migrations

FORWARD = [
    "CREATE INDEX IF NOT EXISTS cases_case_name_words ON cases_case USING gin ((to_tsvector('simple'::regconfig, regexp_replace(((first_name)::text || ' ' || (last_name)::text), '[^[:alnum:]]+', ' ', 'g'))))",
    "CREATE INDEX IF NOT EXISTS cases_involved_name_words ON cases_involved USING gin ((to_tsvector('simple'::regconfig, regexp_replace((name)::text, '[^[:alnum:]]+', ' ', 'g'))))",
    "CREATE INDEX IF NOT EXISTS cases_case_identity_risky_names ON cases_case (id) WHERE ((lower((first_name)::text) !~ '(^|[^[:alnum:]])(?!([[:alnum:]]{1,2}|aan|ben|bin|del|den|der|het|ten|ter|van|von)([^[:alnum:]]|$))[[:alnum:]]' OR lower((first_name)::text) ~ '(^|[^[:alnum:]])([[:alnum:]]{1,2}|aan|ben|bin|del|den|der|het|ten|ter|van|von)([_''’-]+([[:alnum:]]{1,2}|aan|ben|bin|del|den|der|het|ten|ter|van|von))+([^[:alnum:]]|$)' OR (first_name)::text ~ '[µİıſΐΒΕΘΙΚΜΠΡΣΦΰβεθικμπρςσφϐϑϕϖϰϱϴϵВДОСТЪвдостъѢѣᲀᲁᲂᲃᲄᲅᲆᲇᲈṠṡẛιΐΰKꙊꙋﬅﬆ̀-ͯ]') OR (lower((last_name)::text) !~ '(^|[^[:alnum:]])(?!([[:alnum:]]{1,2}|aan|ben|bin|del|den|der|het|ten|ter|van|von)([^[:alnum:]]|$))[[:alnum:]]' OR lower((last_name)::text) ~ '(^|[^[:alnum:]])([[:alnum:]]{1,2}|aan|ben|bin|del|den|der|het|ten|ter|van|von)([_''’-]+([[:alnum:]]{1,2}|aan|ben|bin|del|den|der|het|ten|ter|van|von))+([^[:alnum:]]|$)' OR (last_name)::text ~ '[µİıſΐΒΕΘΙΚΜΠΡΣΦΰβεθικμπρςσφϐϑϕϖϰϱϴϵВДОСТЪвдостъѢѣᲀᲁᲂᲃᲄᲅᲆᲇᲈṠṡẛιΐΰKꙊꙋﬅﬆ̀-ͯ]'))",
    "CREATE INDEX IF NOT EXISTS cases_involved_identity_risky_names ON cases_involved (case_id) WHERE (lower((name)::text) !~ '(^|[^[:alnum:]])(?!([[:alnum:]]{1,2}|aan|ben|bin|del|den|der|het|ten|ter|van|von)([^[:alnum:]]|$))[[:alnum:]]' OR lower((name)::text) ~ '(^|[^[:alnum:]])([[:alnum:]]{1,2}|aan|ben|bin|del|den|der|het|ten|ter|van|von)([_''’-]+([[:alnum:]]{1,2}|aan|ben|bin|del|den|der|het|ten|ter|van|von))+([^[:alnum:]]|$)' OR (name)::text ~ '[µİıſΐΒΕΘΙΚΜΠΡΣΦΰβεθικμπρςσφϐϑϕϖϰϱϴϵВДОСТЪвдостъѢѣᲀᲁᲂᲃᲄᲅᲆᲇᲈṠṡẛιΐΰKꙊꙋﬅﬆ̀-ͯ]')",
    "CREATE INDEX IF NOT EXISTS cases_case_nonstandard_reference ON cases_case (id) WHERE ((reference)::text !~ '^WIO-[0-9A-Z]{7}$')",
]
BACKWARD = [
    "DROP INDEX IF EXISTS cases_case_name_words",
    "DROP INDEX IF EXISTS cases_involved_name_words",
    "DROP INDEX IF EXISTS cases_case_identity_risky_names",
    "DROP INDEX IF EXISTS cases_involved_identity_risky_names",
    "DROP INDEX IF EXISTS cases_case_nonstandard_reference",
]


def _run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("cases", "0006_filter_choice_and_name_search_indexes")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD), elidable=False)]
