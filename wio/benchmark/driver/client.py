"""One load client: a cookie session against the server, signed in through the real login pages."""

import re
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.cookiejar import CookieJar
from urllib.error import HTTPError

import pyotp

from wio.accounts.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LOGIN_PATH = "/account/login/"
CODE_PATH = "/account/2fa/authenticate/"
TIMEOUT_SECONDS = 600  # eight clients queue behind two workers: a slow page waits minutes


class LoginError(RuntimeError):
    pass


@dataclass(frozen=True)
class Response:
    status: int
    url: str
    body: bytes
    seconds: float


class Client:
    def __init__(self, base_url: str, email: str) -> None:
        self.base_url = base_url
        self.email = email
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))

    def request(self, path: str, data: dict[str, str] | None = None) -> Response:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base_url + path, data=body)  # noqa: S310 - our own server
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=TIMEOUT_SECONDS) as answer:
                content = answer.read()
                status, url = answer.status, answer.url
        except HTTPError as error:
            content, status, url = error.read(), error.code, error.url
        except OSError:  # timed out or reset (gunicorn killed a worker): an error of this page, status 0
            content, status, url = b"", 0, self.base_url + path
        return Response(status, url, content, time.perf_counter() - started)

    def _post_form(self, path: str, fields: dict[str, str]) -> Response:
        page = self.request(path)
        token = CSRF_FIELD.search(page.body.decode())
        if page.status != 200 or token is None:
            raise LoginError(f"{self.email}: {path} answered {page.status} without a form")
        return self.request(path, {"csrfmiddlewaretoken": token.group(1), **fields})

    def log_in(self) -> None:
        """Password, then a TOTP code; a code already used in this 30-second window waits for the next."""
        answer = self._post_form(LOGIN_PATH, {"login": self.email, "password": DEMO_PASSWORD})
        if not answer.url.endswith(CODE_PATH):
            raise LoginError(f"{self.email}: the password step ended at {answer.url} ({answer.status})")
        for _attempt in range(3):
            answer = self._post_form(CODE_PATH, {"code": pyotp.TOTP(DEMO_TOTP_SECRET).now()})
            if not answer.url.endswith(CODE_PATH):
                return
            time.sleep(31 - time.time() % 30)
        raise LoginError(f"{self.email}: the TOTP code was refused")
