"""Steps of the exemplar lifecycle that another app drives.

Once an exemplar is in a proposal, its "recognised" / "not recognised" / "back to fostering"
steps are the outcome of the screening, the council's vote and the numbered decision; once a
decision recognised it, revoking it is revoking that decision. An app above registry registers a
guard from its ``AppConfig.ready()``::

    register_guard(lambda exemplar, step: _("…") if … else None)

A guard returns the Vietnamese reason a direct step (the exemplar page, the API, the
``exemplar_transition`` command) is refused, or ``None``. The driving services themselves call
``transition_exemplar(..., driven=True)``, which skips the guards (they check their own rules).
"""

from collections.abc import Callable

Guard = Callable[[object, str], str | None]
_GUARDS: list[Guard] = []


def register_guard(guard: Guard) -> None:
    if guard not in _GUARDS:
        _GUARDS.append(guard)


def refusal(exemplar, step: str) -> str | None:
    """Why ``step`` may not be taken directly on ``exemplar`` (the first guard's word), or None."""
    for guard in _GUARDS:
        message = guard(exemplar, step)
        if message:
            return message
    return None
