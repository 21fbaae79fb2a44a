"""Registrations, exemplars, import, downloads, compiled list: who may do what with a token —
the web's answers (tests/test_url_access.py), except that an object outside what the role sees
is a 404 as if absent (the web's decorator says 403)."""

import io

from registry.models import Exemplar, Registration
from tests.api.spec import Change, Read, everyone, only

SEES_A = ("officer_a", "head_a", "standing", "council", "admin")  # unit A's objects
MANAGERS = ("standing", "council", "admin")  # the compiled list
# The system administrator is a Django superuser: every permission holds (and is audited).
WRITERS = ("officer_a", "admin")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
OUTSIDE = {"officer_b": 404}  # unit B's officer does not see unit A


def reg_a(suffix: str = ""):
    return lambda w: f"/registrations/{w.registration_a.pk}{suffix}"


def ex_a(suffix: str = ""):
    return lambda w: f"/exemplars/{w.exemplar_a.pk}{suffix}"


def _names(w):
    return sorted(Exemplar.objects.filter(registration=w.registration_a)
                  .values_list("kind", "name", "position", "version"))


def _registration(w):
    r = Registration.objects.get(pk=w.registration_a.pk)
    return r.state, r.signer_name, r.version


def form_file(w, individuals=(("Đặng Thị Mai", "", "e"), ("Lò Văn Mới", "", "k"))) -> bytes:
    """Unit A's blank template as the system writes it, filled as the unit would: section II
    with these individuals, the other tables left blank (their entries stay)."""
    from registry.io.document import blank_document
    from registry.io.export import render_document
    from tests.registry_io.blank_fill import fill_blank

    data = render_document(blank_document(w.unit_a, w.campaign.pack.pack), "xlsx")
    return fill_blank(data, "xlsx", {"individual": list(individuals)})


def _upload(w):
    upload = io.BytesIO(form_file(w))
    upload.name = "bieu-dang-ky.xlsx"
    return {"file": upload}


def _staged(w):
    from uploads.staging import staging_dir

    return sorted(p.name for p in staging_dir().glob("*.json"))


def _own_form(w, user):
    """Each unit officer sends its own unit's form; the admin unit A's (the file names both
    the unit and the guidance: no registration in the path)."""
    unit = w.unit_b if user is not None and user == w.users["officer_b"] else w.unit_a
    data = render_document_of_blank(w, unit)
    upload = io.BytesIO(data)
    upload.name = "bieu-dang-ky.xlsx"
    return {"file": upload}


def render_document_of_blank(w, unit) -> bytes:
    from registry.io.document import blank_document
    from registry.io.export import render_document
    from tests.registry_io.blank_fill import fill_blank

    data = render_document(blank_document(unit, w.campaign.pack.pack), "xlsx")
    return fill_blank(data, "xlsx", {"individual": [("Lò Văn Mới", "", "k")]})


def _confirm_body(w, user):
    from registry.import_flow import STAGING_PURPOSE
    from uploads import staging

    registration = Registration.objects.get(pk=w.registration_a.pk)
    token = staging.stage(name="bieu-dang-ky.xlsx", data=form_file(w),
                          user_id=getattr(user, "pk", 0), purpose=STAGING_PURPOSE,
                          object_id=registration.pk, version=registration.version)
    return {"token": token}


def _new_campaign_body(w):
    from tests.factories import CampaignFactory

    return {"campaign": CampaignFactory(code="THU-2026", pack=w.campaign.pack).code}


OPERATIONS = {
    # registrations: everyone lists what they see; a unit's registration within what they see
    ("GET", "/registrations/"): Read(lambda w: "/registrations/", everyone(200)),
    ("GET", "/registrations/{registration_id}"): Read(reg_a(), only("national", *SEES_A)),
    ("GET", "/registrations/{registration_id}/export/{fmt}"): Read(
        reg_a("/export/xlsx"), only("national", *SEES_A), content_type=XLSX),
    ("GET", "/registrations/{registration_id}/blank/{fmt}"): Read(
        reg_a("/blank/docx"), only("national", *SEES_A), content_type=DOCX),
    ("POST", "/registrations/"): Change(
        lambda w: "/registrations/", ("officer_a", "officer_b"),
        lambda w: Registration.objects.count(), body=_new_campaign_body),
    ("PATCH", "/registrations/{registration_id}"): Change(
        reg_a(), WRITERS, _registration,
        body=lambda w: {"signer_name": "Nguyễn Văn Ký", "version": w.registration_a.version},
        denied=OUTSIDE),
    ("POST", "/registrations/{registration_id}/transitions/{name}"): Change(
        reg_a("/transitions/send_for_approval"), WRITERS, _registration,
        denied=OUTSIDE),
    ("POST", "/registrations/{registration_id}/exemplars"): Change(
        reg_a("/exemplars"), WRITERS, _names, ok=201,
        body=lambda w: {"kind": "individual", "name": "Lò Thị Hoà", "field_key": "e"},
        denied=OUTSIDE),
    # import: the preview keeps the file in the staging area; the confirmation applies it
    ("POST", "/registrations/{registration_id}/import"): Change(
        reg_a("/import"), WRITERS, _staged, body=_upload, multipart=True,
        denied=OUTSIDE),
    # the same from the file alone: it names the unit and the guidance
    ("POST", "/registrations/import"): Change(
        lambda w: "/registrations/import", ("officer_a", "officer_b", "admin"), _staged,
        body=_own_form, multipart=True, per_user=True),
    ("POST", "/registrations/{registration_id}/import/confirm"): Change(
        reg_a("/import/confirm"), WRITERS, _names, body=_confirm_body, per_user=True,
        denied=OUTSIDE),
    # exemplars
    ("GET", "/exemplars/"): Read(lambda w: "/exemplars/", everyone(200)),
    ("GET", "/exemplars/{exemplar_id}"): Read(ex_a(), only("national", *SEES_A)),
    ("PATCH", "/exemplars/{exemplar_id}"): Change(
        ex_a(), WRITERS, _names,
        body=lambda w: {"name": "Đặng Thị Mai Anh", "version": w.exemplar_a.version},
        denied=OUTSIDE),
    ("DELETE", "/exemplars/{exemplar_id}"): Change(
        lambda w: f"/exemplars/{w.exemplar_a.pk}?version={w.exemplar_a.version}",
        WRITERS, _names, ok=204, denied=OUTSIDE),
    ("POST", "/exemplars/{exemplar_id}/transitions/{name}"): Change(
        ex_a("/transitions/foster"), ("standing", "admin"),
        lambda w: Exemplar.objects.get(pk=w.exemplar_a.pk).state, denied=OUTSIDE),
    # the compiled list: the standing office, the council, the administrator (as on the web)
    ("GET", "/compiled-list/{fmt}"): Read(
        lambda w: f"/compiled-list/csv?campaign={w.campaign.code}&state=all",
        only("national", *MANAGERS, denied=403), content_type="text/csv"),
}
