import os
import subprocess
import sys
from pathlib import Path

from django.test import Client
from django.urls import reverse

import pytest

from tests.conftest import sign_in
from tests.factories import user_with_role

BASE_DIR = Path(__file__).resolve().parents[2]


def test_production_settings_pass_check_deploy() -> None:
    """HDR-6: the settings a deployment uses (wio.settings.base) raise no deploy warning."""
    # A clean environment: nothing the test run itself set may leak into "production".
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "wio.settings.base",
        "SECRET_KEY": "k8#Vq2!mZr@9pL$w3XnT6&yB1uH^cE5jF0gD7sA4*oI+eR-zQ_aW",
        "ALLOWED_HOSTS": "wio.gemeente.example",
        "DEBUG": "false",
        "DATABASE_URL": "sqlite:////tmp/wio-check-deploy.sqlite3",
        "CACHE_URL": "redis://127.0.0.1:6379/1",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_every_response_carries_the_security_headers(client: Client) -> None:
    response = client.get(reverse("account_login"), secure=True)

    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "object-src 'none'" in csp
    assert "base-uri 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "max-age=31536000" in response["Strict-Transport-Security"]
    assert "includeSubDomains" in response["Strict-Transport-Security"]


def test_security_txt_is_served(client: Client) -> None:
    response = client.get("/.well-known/security.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Contact: " in body
    assert "Expires: " in body


@pytest.mark.django_db
def test_signed_in_pages_are_never_cached(client: Client) -> None:
    sign_in(client, user_with_role("lpa"))

    response = client.get(reverse("portal:start"))

    assert "no-store" in response["Cache-Control"]


def test_trace_and_git_are_not_exposed(client: Client) -> None:
    assert client.get("/.git/HEAD").status_code == 404
    assert client.generic("TRACE", "/.well-known/security.txt").status_code == 405
