"""JSON bodies only; one too deeply nested for Python's parser is a 400, not a crash."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JsonParser(parsers.JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_("This JSON is nested too deeply.")) from None
