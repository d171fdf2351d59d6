"""The local OpenID provider of the single sign-on tests: `tests/oidc_provider/server.mjs`, a real
oidc-provider (installed by `make env` with `npm ci`), started once per test session."""

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.services import require

PROVIDER_DIR = Path(__file__).resolve().parent / "oidc_provider"
PROVIDER_ID = "test-gemeente"
CLIENT_ID = "wio-test"
CLIENT_SECRET = "wio-test-secret"
PASSWORD = "test-password"
CALLBACK_PATH = f"/account/oidc/{PROVIDER_ID}/login/callback/"


@dataclass
class LocalProvider:
    url: str
    accounts_file: Path

    def set_accounts(self, *accounts: dict[str, Any]) -> None:
        """Every account: sub, email, email_verified, active, amr. Read again at each lookup."""
        self.accounts_file.write_text(json.dumps(list(accounts)))

    def app_settings(self) -> dict[str, Any]:
        return {"server_url": self.url}


def provider_available() -> bool:
    return shutil.which("node") is not None and (PROVIDER_DIR / "node_modules" / "oidc-provider").is_dir()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_serving(url: str, process: subprocess.Popen[bytes]) -> None:
    for _attempt in range(100):
        if process.poll() is not None:
            raise RuntimeError(f"the OpenID provider stopped at start ({process.returncode})")
        try:
            with urllib.request.urlopen(f"{url}/.well-known/openid-configuration", timeout=1):  # noqa: S310
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the OpenID provider did not start within 10 seconds")


def start_provider(redirect_uris: list[str], tmp_dir: Path) -> Iterator[LocalProvider]:
    require(provider_available(), "Node.js and tests/oidc_provider/node_modules (make test-env)")
    port = _free_port()
    provider = LocalProvider(url=f"http://127.0.0.1:{port}", accounts_file=tmp_dir / "accounts.json")
    provider.set_accounts()
    env = {
        **os.environ,
        "OIDC_CLIENT_ID": CLIENT_ID,
        "OIDC_CLIENT_SECRET": CLIENT_SECRET,
        "OIDC_REDIRECT_URIS": " ".join(redirect_uris),
        "OIDC_ACCOUNTS_FILE": str(provider.accounts_file),
        "OIDC_TEST_PASSWORD": PASSWORD,
    }
    process = subprocess.Popen(
        ["node", str(PROVIDER_DIR / "server.mjs"), str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
    )
    try:
        _wait_until_serving(provider.url, process)
        yield provider
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalProvider]:
    """For the Django test client, whose host is "testserver"."""
    yield from start_provider([f"http://testserver{CALLBACK_PATH}"], tmp_path_factory.mktemp("oidc"))


@pytest.fixture(scope="session")
def live_oidc_provider(live_server: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalProvider]:
    """For browser journeys against the live server."""
    yield from start_provider([f"{live_server.url}{CALLBACK_PATH}"], tmp_path_factory.mktemp("oidc-live"))
