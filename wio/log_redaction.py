"""Log lines never carry the identity of a youth or the people around them (issue 11, LOG-3).

Model instances reach log text through exception messages: a ProtectedError lists the rows that
blocked a delete by their repr, "<Consent: Fenna Jansen (Ouder)>". Whatever a model's __str__ says,
the formatter keeps only the model's name: "<Consent: …>". It formats every handler's output, the
traceback included, so a new exception type cannot slip past it.
"""

import logging
import re

MODEL_REPR = re.compile(r"<(?P<model>[A-Z][A-Za-z0-9_]*): [^<>\n]*>")


def redact(text: str) -> str:
    return MODEL_REPR.sub(lambda match: f"<{match['model']}: …>", text)


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))
