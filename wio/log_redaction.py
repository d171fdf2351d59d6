"""Log lines never carry the identity of a youth or the people around them (issue 11, LOG-3).

The first line of defence is in the models: whatever concerns a youth says of itself only its kind,
id or case reference (`cases.models.base.neutral_label`). This module is the second line, for text
that reaches a log anyway:

- a model repr in an exception message, "<Consent: Fenna Jansen (Ouder)>", keeps only the model's
  name: "<Consent: …>";
- PostgreSQL's details repeat the values of the offending row: "Key (email)=(fenna@…) already exists"
  and "Failing row contains (12, Fenna, Jansen, …)" keep the column names, not the values;
- a known name field written as `name='Fenna'` or `'last_name': 'Jansen'` keeps its key only.

`RedactingFilter` rewrites the record itself (message, arguments and traceback text) before any
handler sees it, so every handler of the configured one's logger, pytest's caplog included, gets the
redacted record; `RedactingFormatter` redacts the formatted line once more.
"""

import logging
import re

MODEL_REPR = re.compile(r"<(?P<model>[A-Z][A-Za-z0-9_]*): [^<>\n]*>")
KEY_DETAIL = re.compile(r"Key \((?P<columns>[^)]*)\)=\((?:[^()\n]|\([^()\n]*\))*\)")
FAILING_ROW = re.compile(r"Failing row contains \(.*\)")
NAME_FIELDS = (
    "first_name",
    "last_name",
    "full_name",
    "name",
    "email",
    "contact",
    "original_name",
    "title",
    "owner_name",
    "casusregisseur",
)
NAME_FIELD_VALUE = re.compile(
    r"(?P<key>['\"]?\b(?:" + "|".join(NAME_FIELDS) + r")\b['\"]?\s*[:=]\s*)"
    r"(?P<quote>['\"])(?:(?!(?P=quote)).)*(?P=quote)"
)


def redact(text: str) -> str:
    text = MODEL_REPR.sub(lambda match: f"<{match['model']}: …>", text)
    text = KEY_DETAIL.sub(lambda match: f"Key ({match['columns']})=(…)", text)
    text = FAILING_ROW.sub("Failing row contains (…)", text)
    return NAME_FIELD_VALUE.sub(lambda match: f"{match['key']}{match['quote']}…{match['quote']}", text)


_TRACEBACKS = logging.Formatter()


class RedactingFilter(logging.Filter):
    """Redacts the record in place; attached to the handlers in LOGGING, it never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "_wio_redacted", False):
            return True
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # arguments that do not fit the format: the bare format
            message = str(record.msg)
        record.msg = redact(message)
        record.args = ()
        if record.exc_info and not record.exc_text:
            record.exc_text = _TRACEBACKS.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        record._wio_redacted = True
        return True


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))
