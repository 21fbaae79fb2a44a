"""The review rows of the shared URL × role test and of the service-permission test.

The province-wide roles read periods, figures and drill-downs; the standing office and the
administrator declare and change periods."""

from tests.reviews.helpers import period_of, period_row

PROVINCE = ("standing", "council", "admin")
WRITERS = ("standing", "admin")
NOT_WRITERS = ("officer_a", "head_a", "officer_b", "council")


def _form(w, u, **extra) -> dict:
    return {"kind": "interim", "title": "Sơ kết năm 2024", "campaigns": [w.campaign.pk],
            "starts_on": "2024-01-01", "ends_on": "2024-12-31", "notes": "", **extra}


def url_access(Route, Get, Write, only, signed_in, count):
    code = lambda w: {"code": period_of(w).code}  # noqa: E731
    return {
        "reviews:period_list": Route(get=Get(lambda w: {}, only("national", *PROVINCE))),
        "reviews:period_create": Route(
            get=Get(lambda w: {}, only(*WRITERS)),
            post=Write(lambda w: {}, WRITERS, count("reviews.ReviewPeriod"),
                       lambda w, u: _form(w, u, code="so-ket-2024"))),
        "reviews:period_detail": Route(get=Get(code, only("national", *PROVINCE))),
        "reviews:period_update": Route(
            get=Get(code, only(*WRITERS)),
            post=Write(code, WRITERS, period_row,
                       lambda w, u: _form(w, u, version=period_of(w).version))),
        "reviews:figure_drill": Route(get=Get(lambda w: {**code(w), "figure": "exemplars"},
                                              only("national", *PROVINCE))),
    }


def _svc():
    from reviews import services

    return services


def service_cases(Case):
    import datetime

    def create(w):
        return lambda actor: _svc().create_period(
            code="so-ket-2024", kind="interim", title="Sơ kết năm 2024", campaigns=[w.campaign],
            starts_on=datetime.date(2024, 1, 1), ends_on=datetime.date(2024, 12, 31),
            acting_user=actor)

    def update(w):
        period = period_of(w)
        return lambda actor: _svc().update_period(
            period=period, expected_version=period.version, kind="final", title="Tổng kết",
            campaigns=[w.campaign], starts_on=period.starts_on, ends_on=period.ends_on,
            acting_user=actor)

    return {
        "reviews.create_period": Case(create, refused=NOT_WRITERS, allowed="standing"),
        "reviews.update_period": Case(update, refused=NOT_WRITERS, allowed="standing"),
    }
