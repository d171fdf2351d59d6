"""One module per app or feature, each with `EXPECTATIONS: dict[str, Expect]` keyed by view name.

Object URLs give a `path` callable that creates the object (in scope of the role being tested
where that matters) and returns the URL.
"""

import importlib
import pkgutil

from tests.matrix.expect import Expect


def collected_expectations() -> dict[str, Expect]:
    merged: dict[str, Expect] = {}
    for module_info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        duplicates = set(merged) & set(module.EXPECTATIONS)
        if duplicates:
            raise ValueError(f"expectations defined twice: {sorted(duplicates)}")
        merged.update(module.EXPECTATIONS)
    return merged
