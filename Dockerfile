# syntax=docker/dockerfile:1
# WIO production image: gunicorn by default; docker-compose.yml runs the Celery worker and beat from it too.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    PATH=/opt/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=wio.settings.base

# WeasyPrint's system libraries (libharfbuzz-subset0 makes it ~6x faster); gettext for compilemessages.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libharfbuzz-subset0 \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        gettext \
    && rm -rf /var/lib/apt/lists/*

# The uv that wrote uv.lock; the image's own Python 3.11 is used, never a downloaded interpreter.
RUN pip install --no-cache-dir "uv==0.13.9"

WORKDIR /app

# Dependencies first, so code changes do not invalidate this layer.
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project

# The project, listed explicitly so that a local .env, .venv, var/ (SQLite demo data) or .git never
# ends up in the image. `locale*` also matches when no top-level locale/ exists yet (BuildKit).
COPY manage.py ./
COPY wio ./wio
COPY cases ./cases
COPY moreelberaad ./moreelberaad
COPY monitor ./monitor
COPY templates ./templates
COPY static ./static
COPY locale* ./locale/

# Build-time only: the key is not kept in the image environment. compilemessages needs at least one
# locale directory to exist, hence the mkdir.
RUN mkdir -p locale \
    && SECRET_KEY=build-only-not-secret python manage.py collectstatic --noinput \
    && SECRET_KEY=build-only-not-secret python manage.py compilemessages

# Non-root, with a home of its own (gunicorn puts its control socket in ~/.gunicorn). /var/lib/wio is
# the shared volume (private files, celery beat schedule); a fresh named volume takes this ownership.
RUN groupadd --system --gid 10001 wio \
    && useradd --system --uid 10001 --gid wio --create-home --home-dir /home/wio \
        --shell /usr/sbin/nologin wio \
    && mkdir -p /var/lib/wio/private \
    && chown -R wio:wio /var/lib/wio
USER wio

EXPOSE 8000
CMD ["gunicorn", "wio.wsgi:application", "--bind", "0.0.0.0:8000"]
