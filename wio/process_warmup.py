"""Prepare a web process before its first request, then take what it built out of garbage collection.

A Django process holds ~200k long-lived objects (URL patterns, compiled templates, translation
catalogues, model metadata). Python's full garbage collection walks all of them: on the national
benchmark one such pass took ~100 ms of some unlucky request every few dozen requests (issue 13).
Building them up front and then `gc.freeze()`-ing them leaves the collector only what requests make.
"""

import gc
from pathlib import Path

from django.conf import settings
from django.template import Engine, TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import get_template
from django.urls import get_resolver
from django.utils import translation


def _compile_project_templates() -> int:
    """Load every template of the project into the cached loader, as its first use would."""
    compiled = 0
    for directory in Engine.get_default().dirs:
        root = Path(directory)
        for path in root.rglob("*.html"):
            try:
                get_template(str(path.relative_to(root)))
            except (TemplateDoesNotExist, TemplateSyntaxError):
                continue  # a fragment only valid inside another template; it is compiled there
            compiled += 1
    return compiled


def warm_up_process() -> None:
    get_resolver().reverse_dict  # noqa: B018 - building the URL tables is the point
    with translation.override(settings.LANGUAGE_CODE):
        translation.gettext("Cases")
    _compile_project_templates()
    gc.collect()
    gc.freeze()
