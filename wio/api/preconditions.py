"""Optimistic locking over HTTP: a record's ETag is its version; a change must name it in If-Match.

The UI carries the same version in a hidden field (ADR 0005); a client that sends a stale ETag gets
412 and nothing is overwritten, one without If-Match gets 428 (RFC 6585), so no client can skip the
check by leaving the header out.
"""

import re
from typing import Any

from django.utils.translation import gettext_lazy as _

from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.request import Request
from rest_framework.response import Response

from wio.version_token import MAX_VERSION

_ETAG = re.compile(r'^(?:W/)?"v(\d{1,10})"$')


class PreconditionRequired(APIException):
    status_code = 428
    default_detail = _("Send the record's ETag in an If-Match header; WIO does not change records blindly.")
    default_code = "precondition_required"


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _("Someone else changed this record in the meantime; read it again and resend.")
    default_code = "precondition_failed"


def etag_for(version: int) -> str:
    return f'"v{version}"'


def with_etag(response: Response, record: Any) -> Response:
    response["ETag"] = etag_for(record.version)
    return response


def expected_version(request: Request) -> int:
    """The version the client last read, from If-Match; 428 when absent, 412 when unreadable."""
    header = request.headers.get("If-Match", "").strip()
    if not header:
        raise PreconditionRequired
    match = _ETAG.match(header)
    if match is None or int(match.group(1)) > MAX_VERSION:
        raise PreconditionFailed
    return int(match.group(1))
