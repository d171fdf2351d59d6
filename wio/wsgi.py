import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wio.settings.dev")

application = get_wsgi_application()

# gunicorn runs no system checks: refuse to serve with a per-process cache in production.
from wio.accounts.checks import require_shared_cache  # noqa: E402

require_shared_cache()

from wio.process_warmup import warm_up_process  # noqa: E402

warm_up_process()
