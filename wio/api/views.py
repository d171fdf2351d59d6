"""The base every API endpoint builds on: bearer tokens of API clients only, read/write scopes,
a rate limit per client, and no copy of a youth's data in any cache."""

from typing import Any

from oauth2_provider.contrib.rest_framework import TokenHasReadWriteScope
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .authentication import ApiClientAuthentication


class ClientApiView(APIView):
    authentication_classes = [ApiClientAuthentication]
    permission_classes = [IsAuthenticated, TokenHasReadWriteScope]

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "no-store, private"
        return response
