"""PDF output for every app: one Django template rendered to HTML and, by WeasyPrint, to a tagged PDF.

The PDF is PDF/UA-1 (tagged structure, /Lang from `<html lang>`, /Title from `<title>`), so a PDF
template must set both. Stylesheets are read from the static files on disk and handed to WeasyPrint
directly: no HTTP round trip to our own server, and CSP (which governs browsers) plays no part.

WeasyPrint loads Pango, HarfBuzz and fontconfig when imported, which costs about half a second and
a good deal of memory; it is therefore imported inside `render_pdf`, so web processes that never
print never pay for it.
"""

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string

PDF_VARIANT = "pdf/ua-1"
DEFAULT_STYLESHEETS: tuple[str, ...] = ("css/pdf.css",)
# Nothing a template refers to is fetched except inline data: URIs (images embedded as data).
# Templates autoescape user text, but a stray file:// or http:// reference must still go nowhere.
ALLOWED_PROTOCOLS = ("data",)


def stylesheet_text(name: str) -> str:
    """The text of a static stylesheet, found the way `collectstatic` finds it."""
    path = finders.find(name)
    if not path or isinstance(path, list):
        raise ImproperlyConfigured(f"PDF stylesheet {name!r} is not among the static files")
    return Path(path).read_text(encoding="utf-8")


def render_pdf(
    template: str,
    context: Mapping[str, Any],
    *,
    stylesheets: Sequence[str] = DEFAULT_STYLESHEETS,
) -> tuple[str, bytes]:
    """Render `template` with `context`; return the HTML and the tagged PDF made from it."""
    import weasyprint  # lazy on purpose, see the module docstring

    html = render_to_string(template, dict(context))
    document = weasyprint.HTML(
        string=html,
        base_url=str(settings.BASE_DIR),
        url_fetcher=weasyprint.URLFetcher(allowed_protocols=ALLOWED_PROTOCOLS, fail_on_errors=False),
    )
    css = [weasyprint.CSS(string=stylesheet_text(name)) for name in stylesheets]
    pdf: bytes = document.write_pdf(stylesheets=css, pdf_variant=PDF_VARIANT)
    return html, pdf
