"""docker-compose.yml and the Dockerfile point at real project modules, commands and settings.

No Docker engine is needed: the files are parsed and every target they name is resolved here.
"""

import importlib
import re
import shlex
import tomllib
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from django.core.management import get_commands

import pytest
import yaml
from celery import Celery
from celery.app.utils import find_app

ROOT = Path(__file__).resolve().parent.parent
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
SETTINGS_DIR = ROOT / "wio" / "settings"

SERVICES = ("postgres", "redis", "web", "worker", "beat")
APP_SERVICES = ("web", "worker", "beat")
MIGRATE_SERVICE = "migrate"  # one-off, as the owner of the tables; no healthcheck
POSTGRES_INIT_DIR = "/docker-entrypoint-initdb.d/"
SHARED_FILES_MOUNT = "/var/lib/wio"

Compose = dict[str, Any]


@pytest.fixture(scope="module")
def compose() -> Compose:
    loaded: Compose = yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))
    return loaded


def _service(compose: Compose, name: str) -> dict[str, Any]:
    service: dict[str, Any] = compose["services"][name]
    return service


def _command_lines(command: str | list[str]) -> list[list[str]]:
    """Split a compose command into simple commands: unwrap `sh -c "..."`, split on `&&`, drop `exec`."""
    words = shlex.split(command) if isinstance(command, str) else list(command)
    if len(words) >= 3 and words[0] in {"sh", "bash"} and words[1] == "-c":
        words = shlex.split(words[2])
    lines: list[list[str]] = [[]]
    for word in words:
        if word == "&&":
            lines.append([])
        else:
            lines[-1].append(word)
    return [line[1:] if line and line[0] == "exec" else line for line in lines if line]


def _all_command_lines(compose: Compose) -> list[list[str]]:
    return [
        line
        for name in (*APP_SERVICES, MIGRATE_SERVICE)
        if "command" in _service(compose, name)
        for line in _command_lines(_service(compose, name)["command"])
    ]


def _gunicorn_targets(lines: list[list[str]]) -> list[str]:
    """The `module:attribute` argument of every gunicorn command line."""
    targets = []
    for line in lines:
        if Path(line[0]).name != "gunicorn":
            continue
        targets += [word for word in line[1:] if re.fullmatch(r"[A-Za-z_][\w.]*:[A-Za-z_]\w*", word)]
    return targets


def _celery_apps(lines: list[list[str]]) -> list[str]:
    apps = []
    for line in lines:
        if Path(line[0]).name == "celery":
            flag = next(f for f in ("-A", "--app") if f in line)
            apps.append(line[line.index(flag) + 1])
    return apps


def _manage_py_subcommands(lines: list[list[str]]) -> list[str]:
    return [line[line.index("manage.py") + 1] for line in lines if "manage.py" in line]


def _dockerfile_instructions(keyword: str) -> list[str]:
    """The arguments of every `keyword` instruction, with backslash continuations joined."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))
    return [
        line.split(None, 1)[1]
        for line in text.splitlines()
        if line.strip() and line.split(None, 1)[0].upper() == keyword and len(line.split(None, 1)) > 1
    ]


def _dockerfile_cmd() -> list[str]:
    cmds = _dockerfile_instructions("CMD")
    assert len(cmds) == 1, "the Dockerfile has exactly one CMD"
    parsed = yaml.safe_load(cmds[0])  # the exec form is a JSON array
    assert isinstance(parsed, list), "CMD uses the exec form"
    return [str(word) for word in parsed]


def _runtime_dependencies() -> set[str]:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return {
        re.split(r"[\[<>=!~ ;]", dep, maxsplit=1)[0].lower() for dep in pyproject["project"]["dependencies"]
    }


def test_the_five_services_exist(compose: Compose) -> None:
    assert set(SERVICES) <= set(compose["services"])


@pytest.mark.parametrize("name", SERVICES)
def test_every_service_has_a_healthcheck(compose: Compose, name: str) -> None:
    healthcheck = _service(compose, name).get("healthcheck")
    assert healthcheck, f"{name} has no healthcheck"
    assert healthcheck.get("test"), f"{name}'s healthcheck has no test"
    assert not healthcheck.get("disable", False)


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_wait_for_healthy_postgres_and_redis(compose: Compose, name: str) -> None:
    depends_on = _service(compose, name)["depends_on"]
    assert isinstance(depends_on, dict), "long depends_on syntax, so that a condition can be given"
    for dependency in ("postgres", "redis"):
        assert depends_on[dependency]["condition"] == "service_healthy"


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_are_built_from_this_project(compose: Compose, name: str) -> None:
    build = _service(compose, name)["build"]
    context = build if isinstance(build, str) else build.get("context", ".")
    assert (ROOT / context / "Dockerfile").is_file()


def test_named_volumes_are_declared_and_used(compose: Compose) -> None:
    declared = set(compose["volumes"])
    assert {"wio-files"} <= declared
    for name in SERVICES:
        for mount in _service(compose, name).get("volumes", []):
            source = mount.split(":", 1)[0] if isinstance(mount, str) else mount["source"]
            if not source.startswith((".", "/")):
                assert source in declared, f"{name} mounts undeclared volume {source}"
    assert any("postgresql/data" in str(m) for m in _service(compose, "postgres")["volumes"])
    assert _service(compose, "redis")["volumes"]


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_share_the_redis_cache(compose: Compose, name: str) -> None:
    """Rate limits and used TOTP codes must be shared by every process (wio/accounts/checks.py)."""
    environment = _service(compose, name)["environment"]
    assert environment["CACHE_URL"].startswith("redis://redis:")
    assert environment["CACHE_URL"].rsplit("/", 1)[-1] != environment["CELERY_BROKER_URL"].rsplit("/", 1)[-1]
    assert "WIO_SINGLE_PROCESS" not in environment
    assert environment.get("DEBUG", "false").lower() == "false"


@pytest.mark.parametrize("name", APP_SERVICES)
def test_generated_files_are_on_the_shared_volume(compose: Compose, name: str) -> None:
    service = _service(compose, name)
    assert f"wio-files:{SHARED_FILES_MOUNT}" in service["volumes"]
    private_root = service["environment"]["WIO_PRIVATE_MEDIA_ROOT"]
    assert private_root.startswith(f"{SHARED_FILES_MOUNT}/")


def test_beat_keeps_its_schedule_on_the_volume(compose: Compose) -> None:
    line = _command_lines(_service(compose, "beat")["command"])[0]
    assert line[:4] == ["celery", "-A", "wio", "beat"]
    schedule = line[line.index("--schedule") + 1]
    assert schedule.startswith(f"{SHARED_FILES_MOUNT}/")


def _database_user(service: dict[str, Any]) -> str:
    # Not urlsplit: the "?" of ${VARIABLE:?message} would start a query string.
    match = re.match(r"postgres://([^:@/]+):", service["environment"]["DATABASE_URL"])
    assert match, "DATABASE_URL names its user"
    return match.group(1)


def _password_variable(service: dict[str, Any]) -> str:
    """The ${VARIABLE...} that DATABASE_URL takes its password from."""
    match = re.search(r"^postgres://[^:]+:\$\{(\w+)", service["environment"]["DATABASE_URL"])
    assert match, "the password comes from a variable"
    return match.group(1)


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_connect_as_the_app_role_not_the_owner(compose: Compose, name: str) -> None:
    """Issue 9: the owner (the image's superuser) could disable the audit trigger; wio_app cannot."""
    postgres = _service(compose, "postgres")["environment"]
    service = _service(compose, name)
    assert _database_user(service) == postgres["POSTGRES_APP_USER"]
    assert _database_user(service) != postgres["POSTGRES_USER"]
    assert _password_variable(service) == "POSTGRES_APP_PASSWORD"
    assert postgres["POSTGRES_APP_PASSWORD"].startswith("${POSTGRES_APP_PASSWORD:?")
    assert "WIO_DB_APP_ROLE" not in service["environment"]


def test_migrations_run_as_the_owner_and_grant_the_app_role(compose: Compose) -> None:
    postgres = _service(compose, "postgres")["environment"]
    migrate = _service(compose, MIGRATE_SERVICE)
    assert _database_user(migrate) == postgres["POSTGRES_USER"]
    assert _password_variable(migrate) == "POSTGRES_PASSWORD"
    assert migrate["environment"]["WIO_DB_APP_ROLE"] == postgres["POSTGRES_APP_USER"]
    assert _command_lines(migrate["command"]) == [["python", "manage.py", "migrate", "--noinput"]]
    assert str(migrate["restart"]) == "no"
    assert migrate["depends_on"]["postgres"]["condition"] == "service_healthy"
    # Apart from the database, the same settings as the app.
    for variable, value in compose["x-wio-env"].items():
        if variable != "DATABASE_URL":
            assert migrate["environment"][variable] == value


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_start_after_the_migrations_and_never_migrate(compose: Compose, name: str) -> None:
    service = _service(compose, name)
    assert service["depends_on"][MIGRATE_SERVICE]["condition"] == "service_completed_successfully"
    assert "migrate" not in _manage_py_subcommands(_command_lines(service["command"]))


def test_web_serves_on_port_8000(compose: Compose) -> None:
    lines = _command_lines(_service(compose, "web")["command"])
    assert [Path(line[0]).name for line in lines] == ["gunicorn"]
    assert "0.0.0.0:8000" in lines[0]


def test_postgres_creates_the_app_role_on_first_start(compose: Compose) -> None:
    """The mounted init script reads the role and password the compose file gives the postgres service."""
    mounts = [m for m in _service(compose, "postgres")["volumes"] if POSTGRES_INIT_DIR in m]
    assert len(mounts) == 1
    source, target, *mode = mounts[0].split(":")
    assert target.startswith(POSTGRES_INIT_DIR)
    assert target.endswith(".sql")
    assert mode == ["ro"]
    script = (ROOT / source).read_text(encoding="utf-8")
    assert "\\getenv app_user POSTGRES_APP_USER" in script
    assert "\\getenv app_password POSTGRES_APP_PASSWORD" in script
    assert "NOSUPERUSER" in script
    assert "NOCREATEROLE" in script
    statements = [line for line in script.splitlines() if not line.lstrip().startswith("--")]
    assert not any("GRANT" in line.upper() for line in statements), "granting is migrate's (db_roles.py)"


def test_web_healthcheck_requests_security_txt(compose: Compose) -> None:
    test = " ".join(_service(compose, "web")["healthcheck"]["test"])
    assert "urllib" in test
    assert "http://127.0.0.1:8000/.well-known/security.txt" in test


def test_worker_healthcheck_pings_the_worker(compose: Compose) -> None:
    test = " ".join(_service(compose, "worker")["healthcheck"]["test"])
    assert "celery -A wio inspect ping" in test


def test_gunicorn_target_resolves(compose: Compose) -> None:
    # Compose commands and the image's default command; pytest-django has set wio.settings.test.
    lines = [_dockerfile_cmd(), *_all_command_lines(compose)]
    targets = _gunicorn_targets(lines)
    assert targets
    assert set(targets) == {"wio.wsgi:application"}
    for target in targets:
        module_name, attribute = target.split(":")
        application = getattr(importlib.import_module(module_name), attribute)
        assert callable(application)


def test_dockerfile_serves_the_wsgi_application() -> None:
    cmd = _dockerfile_cmd()
    assert cmd[0] == "gunicorn"
    assert "wio.wsgi:application" in cmd


def test_celery_app_resolves(compose: Compose) -> None:
    apps = _celery_apps(_all_command_lines(compose))
    assert apps.count("wio") == 2  # worker and beat
    for app_name in set(apps):
        assert isinstance(find_app(app_name), Celery)
    import wio

    assert isinstance(wio.celery_app, Celery)


def test_compose_settings_module_is_importable(compose: Compose) -> None:
    settings_module = compose["x-wio-env"]["DJANGO_SETTINGS_MODULE"]
    assert find_spec(settings_module) is not None
    for name in APP_SERVICES:
        assert _service(compose, name)["environment"]["DJANGO_SETTINGS_MODULE"] == settings_module


def test_dockerfile_settings_module_is_importable() -> None:
    env = " ".join(_dockerfile_instructions("ENV"))
    match = re.search(r"DJANGO_SETTINGS_MODULE=([\w.]+)", env)
    assert match, "the image sets DJANGO_SETTINGS_MODULE (wio/wsgi.py would fall back to dev settings)"
    assert find_spec(match.group(1)) is not None


def test_compose_environment_is_read_by_the_settings(compose: Compose) -> None:
    settings_source = "\n".join(p.read_text(encoding="utf-8") for p in SETTINGS_DIR.glob("*.py"))
    for variable in {**compose["x-wio-env"], **_service(compose, MIGRATE_SERVICE)["environment"]}:
        if variable != "DJANGO_SETTINGS_MODULE":
            assert f'"{variable}"' in settings_source, f"{variable} is not read by wio/settings"


def test_manage_py_subcommands_exist(compose: Compose) -> None:
    dockerfile_lines = [
        line
        for run in _dockerfile_instructions("RUN")
        for line in _command_lines(["sh", "-c", run])
        if "manage.py" in line
    ]
    lines = _all_command_lines(compose) + [
        # The build-only variable assignment in front of `python manage.py ...`.
        [word for word in line if not re.fullmatch(r"[A-Z_]+=\S*", word)]
        for line in dockerfile_lines
    ]
    subcommands = _manage_py_subcommands(lines)
    assert {"migrate", "collectstatic", "compilemessages"} <= set(subcommands)
    available = get_commands()
    for subcommand in subcommands:
        assert subcommand in available, f"manage.py {subcommand} does not exist"


def test_programs_in_commands_are_runtime_dependencies(compose: Compose) -> None:
    """The image is built with `uv sync --no-dev`, so what the services run must not be dev-only."""
    runtime = _runtime_dependencies()
    programs = {Path(line[0]).name for line in [_dockerfile_cmd(), *_all_command_lines(compose)]}
    for program in programs - {"python"}:
        assert program in runtime, f"{program} is not a runtime dependency in pyproject.toml"
        assert find_spec(program) is not None


# ADR 0019: sized for 4 cores and 8 GB for the whole stack.
POSTGRES_SETTINGS = {
    "shared_buffers": "2GB",
    "effective_cache_size": "5GB",
    "work_mem": "32MB",
    "maintenance_work_mem": "512MB",
    "max_connections": "50",
    "random_page_cost": "1.1",
    "jit": "off",
}
MACHINE_MEMORY_MB = 8 * 1024
MEMORY_UNITS_MB = {"MB": 1, "GB": 1024}


def _postgres_settings(compose: Compose) -> dict[str, str]:
    words = [str(word) for word in _service(compose, "postgres")["command"]]
    assert words[0] == "postgres"
    assert all(flag == "-c" for flag in words[1::2]), "only -c name=value pairs"
    return dict(setting.split("=", 1) for setting in words[2::2])


def _megabytes(value: str) -> int:
    match = re.fullmatch(r"(\d+)(MB|GB)", value)
    assert match, f"{value} is not in MB or GB"
    return int(match.group(1)) * MEMORY_UNITS_MB[match.group(2)]


def test_postgres_is_tuned_for_the_documented_machine(compose: Compose) -> None:
    settings = _postgres_settings(compose)
    for name, value in POSTGRES_SETTINGS.items():
        assert settings.get(name) == value, f"postgres {name}={settings.get(name)}, ADR 0019 says {value}"
    # The buffers leave the other services room; every connection sorting at once still fits.
    assert _megabytes(settings["shared_buffers"]) <= MACHINE_MEMORY_MB // 4
    worst_case_sorts = int(settings["max_connections"]) * _megabytes(settings["work_mem"])
    assert _megabytes(settings["shared_buffers"]) + worst_case_sorts <= MACHINE_MEMORY_MB // 2
    assert _megabytes(settings["effective_cache_size"]) < MACHINE_MEMORY_MB
    assert (ROOT / "docs" / "decisions" / "0019-postgresql-settings.md").is_file()


def test_postgres_has_room_for_parallel_queries(compose: Compose) -> None:
    shm_size = str(_service(compose, "postgres")["shm_size"]).lower()
    assert shm_size.endswith(("gb", "g")) or _megabytes(shm_size.upper()) >= 256
