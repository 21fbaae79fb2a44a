"""Who is told that exemplars were added or changed (a registration protocol).

An app above registry that keeps something computed from an exemplar's own fields (evaluation's
stored verdicts read its kind and field, the award history's matching its name) registers a
listener from its ``AppConfig.ready()``::

    register(lambda exemplar_ids: …)

The registry's services call :func:`changed` inside their transaction after adding an exemplar,
changing it (its fields, its position, its state) or adding many (an import); listeners do
their work after the commit (``transaction.on_commit``). A listener must not fail the write.
Deleted exemplars are not announced: what hangs on them is deleted with them.
"""

from collections.abc import Callable, Iterable

Listener = Callable[[list[int]], None]
_LISTENERS: list[Listener] = []


def register(listener: Listener) -> None:
    if listener not in _LISTENERS:
        _LISTENERS.append(listener)


def unregister(listener: Listener) -> None:
    """For tests."""
    if listener in _LISTENERS:
        _LISTENERS.remove(listener)


def changed(exemplar_ids: Iterable[int]) -> None:
    ids = [pk for pk in exemplar_ids if pk is not None]
    if ids:
        for listener in _LISTENERS:
            listener(ids)
