"""The publication rows of the shared URL × role and service-permission tests: the public
routes answer everyone (anonymous included) and never write; the standing office prepares,
edits, moves; the approval is another standing-office user's (four eyes)."""

OFFICE = ("standing", "admin")
NOT_OFFICE = ("officer_a", "head_a", "officer_b", "council")


def _h():
    from tests.publication import helpers

    return helpers


def _published(w) -> dict:
    return {"pk": _h().published(w).pk}


def _recognised(w) -> dict:
    return {"exemplar_id": _h().recognise(w.exemplar_a).pk}


def _draft(w):
    from publication import services
    from publication.models import Publication

    # one world may serve several routes' fixtures (the export walk): when exemplar_a already
    # has a live publication, the draft is another exemplar's
    exemplar = w.exemplar_a
    if Publication.objects.filter(exemplar=exemplar, state__in=[
            "draft", "awaiting_approval", "published"]).exists():
        exemplar = _h().new_exemplar(w, "Lò Thị Nháp", registration=w.registration_a)
    _h().recognise(exemplar)
    return services.prepare_publication(exemplar=exemplar, story="Nháp.",
                                        acting_user=w.users["standing"], **_h().CONSENT)


def _row(w):
    from publication.models import Publication

    return Publication.objects.filter(exemplar=w.exemplar_a).values(
        "state", "story", "version").first()


def _awaiting_other(w) -> dict:
    """Awaiting approval, prepared by another standing-office user than ``standing``."""
    return {"pk": _h().awaiting(w, w.exemplar_a).pk, "name": "approve_publication"}


def _version(w, user) -> dict:
    return {"version": _row(w)["version"]}


FORM = {"story": "Câu chuyện đã sửa.", "consent_recorded": "on",
        "consent_given_by": "Đặng Thị Mai", "consent_on": "02/03/2026",
        "consent_method": "written"}


def url_access(Route, Get, Write, only, everyone, count):
    public = everyone(200)
    none = lambda w: {}  # noqa: E731
    return {
        "publication:gallery": Route(get=Get(none, public)),
        "publication:detail": Route(get=Get(_published, public)),
        "publication:data_csv": Route(get=Get(none, public)),
        "publication:data_json": Route(get=Get(none, public)),
        "publication:feed": Route(get=Get(none, public)),
        "publication:sitemap": Route(get=Get(none, public)),
        "publication:staff_list": Route(get=Get(none, only(*OFFICE))),
        "publication:prepare": Route(post=Write(_recognised, OFFICE,
                                                count("publication.Publication"),
                                                lambda w, u: dict(FORM))),
        "publication:staff_detail": Route(get=Get(lambda w: {"pk": _draft(w).pk},
                                                  only(*OFFICE))),
        "publication:update": Route(post=Write(lambda w: {"pk": _draft(w).pk}, OFFICE, _row,
                                               lambda w, u: {**FORM, **_version(w, u)})),
        "publication:transition": Route(post=Write(_awaiting_other, OFFICE,
                                                   lambda w: _row(w)["state"], _version)),
    }


# --- services ------------------------------------------------------------------------------------

def _svc():
    from publication import services

    return services


def _now(w):
    from publication.models import Publication

    return Publication.objects.get(exemplar=w.exemplar_a, state__in=["draft", "awaiting_approval"])


def _prepare(w):
    _h().recognise(w.exemplar_a)
    return lambda actor: _svc().prepare_publication(exemplar=w.exemplar_a, story="Câu chuyện.",
                                                    acting_user=actor, **_h().CONSENT)


def _update(w):
    _draft(w)
    return lambda actor: _svc().update_publication(
        publication=_now(w), story="Sửa.", expected_version=_now(w).version, acting_user=actor,
        **_h().CONSENT)


def _approve(w):
    _h().awaiting(w, w.exemplar_a)
    return lambda actor: _svc().transition_publication(
        publication=_now(w), name="approve_publication", acting_user=actor)


def service_cases(Case):
    return {
        "publication.prepare_publication": Case(_prepare, refused=NOT_OFFICE, allowed="standing"),
        "publication.update_publication": Case(_update, refused=NOT_OFFICE, allowed="standing"),
        "publication.transition_publication": Case(_approve, refused=NOT_OFFICE,
                                                   allowed="standing",
                                                   checks_in_transaction=True),
    }
