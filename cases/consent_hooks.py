"""What apps above `cases` do when a consent is withdrawn, without `cases` importing them (ADR 0016).

Reads already re-check consent, so a withdrawal stops new outputs at once. What lives *outside* the
database needs a hand: `moreelberaad` deletes the pack PDFs made while the consent held, and the
monitor's report editions can re-issue a published report that held a story of the case. Each app
registers a hook from its AppConfig.ready() (as with case panels, ADR 0006);
`cases.services.records.consent_withdraw` runs them once the withdrawal has committed, so a
rolled-back withdrawal deletes nothing.

A hook receives the withdrawn consent (with its case id and scope) and must be idempotent: a hook
that fails is logged and does not undo the withdrawal, and running it again must be harmless.
"""

import logging
from collections.abc import Callable

from .models import Consent

logger = logging.getLogger(__name__)

ConsentWithdrawalHook = Callable[[Consent], None]

_HOOKS: dict[str, ConsentWithdrawalHook] = {}


def register_consent_withdrawal_hook(name: str, hook: ConsentWithdrawalHook) -> None:
    """Register `hook` under `name` (a second registration under the same name is ignored)."""
    _HOOKS.setdefault(name, hook)


def consent_withdrawal_hooks() -> dict[str, ConsentWithdrawalHook]:
    return dict(_HOOKS)


def run_consent_withdrawal_hooks(consent: Consent) -> None:
    """Call every hook; one failing hook neither stops the others nor the withdrawal."""
    for name, hook in _HOOKS.items():
        try:
            hook(consent)
        except Exception:  # a hook's failure must not hide the others' work
            logger.exception("consent withdrawal hook %s failed for consent %s", name, consent.pk)
