"""Replication: an exemplar adopted by other units — who may record it, what is refused (and
then nothing changes), the results over time, the spread per month and year, the communes
grouped by former district through the succession links, the pages and the API."""

import datetime
import json

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from core.errors import DomainError, NotAllowed, StaleVersion
from orgs.models import UnitSuccession, UnitType
from registry.enums import ExemplarState
from registry.models import Exemplar
from replication import selectors, services
from replication.models import Adoption, AdoptionResult
from tests.api.helpers import call, token_for
from tests.db_state import differences, snapshot
from tests.factories import MembershipFactory, UnitFactory, unit_in_province
from tests.replication.helpers import START, adoption_b, recognised_b
from tests.world import world  # noqa: F401  (fixture)


def _commune(name, **extra):
    return unit_in_province(name, unit_type=UnitType.COMMUNE, **extra)


def _unchanged(call_):
    before = snapshot()
    with pytest.raises(DomainError) as caught:
        call_()
    after = snapshot()
    assert before == after, differences(before, after)
    return caught.value.message


# --- services ------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_the_adopting_unit_records_its_adoption_with_scale_and_audit(world):  # noqa: F811
    adoption = services.record_adoption(
        exemplar=world.exemplar_a, unit=world.unit_b, started_on=START,
        scale={"households": "40", "participants": 150, "area": "2,5"}, notes="  Bản Nà Luồng ",
        acting_user=world.users["officer_b"])
    adoption.refresh_from_db()
    assert adoption.scale == {"households": 40, "participants": 150, "area": 2.5}
    assert adoption.notes == "Bản Nà Luồng"
    assert adoption.recorded_by == world.users["officer_b"]
    assert AuditEvent.objects.filter(object_id=str(adoption.pk), action="create").count() == 1


@pytest.mark.django_db
def test_another_units_officer_may_not_record_for_the_adopting_unit(world):  # noqa: F811
    with pytest.raises(NotAllowed):
        services.record_adoption(exemplar=world.exemplar_a, unit=world.unit_b, started_on=START,
                                 acting_user=world.users["officer_a"])
    assert not Adoption.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("scale", "message"), [
    ({"households": -1}, "từ 0 đến"),
    ({"households": "2,5"}, "số nguyên"),
    ({"area": "nhiều"}, "phải là một số"),
    ({"trees": 3}, "không hợp lệ"),
])
def test_bad_scale_is_refused_in_vietnamese(world, scale, message):  # noqa: F811
    text = _unchanged(lambda: services.record_adoption(
        exemplar=world.exemplar_a, unit=world.unit_b, started_on=START, scale=scale,
        acting_user=world.users["standing"]))
    assert message in text


@pytest.mark.django_db
def test_refusals_own_unit_future_duplicate_withdrawn_former_unit(world):  # noqa: F811
    standing = world.users["standing"]
    record = lambda **kw: services.record_adoption(  # noqa: E731
        **{"exemplar": world.exemplar_a, "unit": world.unit_b, "started_on": START,
           "acting_user": standing, **kw})
    assert "khác đơn vị" in _unchanged(lambda: record(unit=world.unit_a))
    assert "sau hôm nay" in _unchanged(
        lambda: record(started_on=datetime.date.today() + datetime.timedelta(days=1)))
    former = _commune("Xã Cũ", valid_to=datetime.date(2025, 6, 30))
    assert "không còn tồn tại" in _unchanged(lambda: record(unit=former))
    record()
    assert "đã được ghi nhận" in _unchanged(record)
    Exemplar.objects.filter(pk=world.exemplar_a.pk).update(state=ExemplarState.WITHDRAWN)
    world.exemplar_a.refresh_from_db()
    assert "Đã rút" in _unchanged(lambda: record(unit=world.sub_a))


@pytest.mark.django_db
def test_update_end_and_results_bump_the_version_and_refuse_stale(world):  # noqa: F811
    officer = world.users["officer_b"]
    adoption = adoption_b(world)
    updated = services.update_adoption(adoption=adoption, started_on=datetime.date(2026, 2, 1),
                                       scale={"area": 3}, notes="Mở rộng",
                                       expected_version=adoption.version, acting_user=officer)
    assert (updated.version, updated.scale) == (2, {"area": 3.0})
    with pytest.raises(StaleVersion):
        services.update_adoption(adoption=adoption, started_on=START, expected_version=1,
                                 acting_user=officer)
    assert "trước ngày bắt đầu" in _unchanged(lambda: services.add_result(
        adoption=updated, on=datetime.date(2026, 1, 1), text="Sớm quá", acting_user=officer))
    assert "Hãy ghi kết quả" in _unchanged(lambda: services.add_result(
        adoption=updated, on=datetime.date(2026, 6, 1), text="   ", acting_user=officer))
    result = services.add_result(adoption=updated, on=datetime.date(2026, 6, 1),
                                 text="Thu nhập tăng 15%", figures={"households": 55},
                                 acting_user=officer)
    assert result.figures == {"households": 55}
    assert "trước ngày bắt đầu" in _unchanged(lambda: services.end_adoption(
        adoption=updated, ended_on=datetime.date(2026, 1, 1), acting_user=officer))
    ended = services.end_adoption(adoption=updated, ended_on=datetime.date(2026, 10, 1),
                                  reason="Hết vốn hỗ trợ", acting_user=officer)
    assert (ended.ended_on, ended.end_reason, ended.version) == (
        datetime.date(2026, 10, 1), "Hết vốn hỗ trợ", 4)
    assert "đã kết thúc" in _unchanged(lambda: services.end_adoption(
        adoption=ended, ended_on=datetime.date(2026, 10, 2), acting_user=officer))


# --- selectors -----------------------------------------------------------------------------------

@pytest.mark.django_db
def test_visibility_the_exemplars_unit_and_the_adopting_unit_read_others_do_not(world):  # noqa: F811
    adoption_b(world)
    stranger = MembershipFactory(unit=UnitFactory(name="Sở Khác"), role="unit_officer").user
    for role in ("officer_a", "head_a", "officer_b", "standing", "council"):
        assert selectors.adoptions_visible_to(world.users[role]).count() == 1, role
    assert selectors.adoptions_visible_to(stranger).count() == 0


@pytest.mark.django_db
def test_spread_over_time_by_month_and_year_fills_gaps(world):  # noqa: F811
    standing = world.users["standing"]
    for name, day in (("Xã Một", datetime.date(2025, 11, 3)), ("Xã Hai", datetime.date(2026, 1, 9)),
                      ("Xã Ba", datetime.date(2026, 1, 20))):
        services.record_adoption(exemplar=world.exemplar_a, unit=_commune(name), started_on=day,
                                 acting_user=standing)
    months = selectors.spread_over_time(Adoption.objects.all(), by="month")
    assert [(p.label, p.count) for p in months] == [("11/2025", 1), ("12/2025", 0),
                                                    ("01/2026", 2)]
    years = selectors.spread_over_time(Adoption.objects.all(), by="year")
    assert [(p.label, p.count) for p in years] == [("2025", 1), ("2026", 2)]
    assert selectors.spread_over_time(Adoption.objects.none()) == []


@pytest.mark.django_db
def test_communes_grouped_by_former_district_through_succession(world):  # noqa: F811
    old_end, new_start = datetime.date(2025, 6, 30), datetime.date(2025, 7, 1)
    tam_duong = unit_in_province("Huyện Tam Đường", unit_type=UnitType.DISTRICT, valid_to=old_end)
    tp = unit_in_province("Thành phố Lai Châu", unit_type=UnitType.DISTRICT, valid_to=old_end)
    old_a = _commune("Xã Bản Giang", parent=tam_duong, valid_to=old_end)
    old_b = _commune("Phường Đông Phong", parent=tp, valid_to=old_end)
    old_c = _commune("Xã Bình Lư cũ", parent=tam_duong, valid_to=old_end)
    tan_phong = _commune("Phường Tân Phong", valid_from=new_start)
    binh_lu = _commune("Xã Bình Lư", valid_from=new_start)
    for old, new in ((old_a, tan_phong), (old_b, tan_phong), (old_c, binh_lu)):
        UnitSuccession.objects.create(predecessor=old, successor=new, kind="merged",
                                      effective_on=new_start)
    services.record_adoption(exemplar=world.exemplar_a, unit=tan_phong, started_on=START,
                             acting_user=world.users["standing"])
    adoption_b(world)  # unit B: a commune without succession links
    found = selectors.communes_by_former_district(Adoption.objects.all())
    groups = {g.name: {c.unit.name: c.adopted for c in g.communes} for g in found["groups"]}
    assert groups["Huyện Tam Đường"] == {"Phường Tân Phong": True, "Xã Bình Lư": False}
    assert groups["Thành phố Lai Châu"] == {"Phường Tân Phong": True}
    assert groups[""]["Xã Thử Nghiệm"] is True
    assert (found["commune_adopted"], found["commune_total"]) == (2, 3)


@pytest.mark.django_db
def test_an_agency_adoption_is_listed_apart(world):  # noqa: F811
    agency = unit_in_province("Sở Nông nghiệp Thử")
    services.record_adoption(exemplar=world.exemplar_a, unit=agency, started_on=START,
                             acting_user=world.users["standing"])
    found = selectors.communes_by_former_district(Adoption.objects.all())
    assert [row["unit"].name for row in found["others"]] == ["Sở Nông nghiệp Thử"]


# --- pages ---------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_exemplar_page_shows_where_it_has_spread(client, world):  # noqa: F811
    adoption_b(world)
    client.force_login(world.users["officer_a"])
    page = client.get(reverse("registry:exemplar_detail", args=[world.exemplar_a.pk])).content
    text = page.decode()
    assert 'id="replication-panel"' in text and "Xã Thử Nghiệm" in text
    assert "01/03/2026" in text and "Số hộ tham gia: 40 hộ" in text


@pytest.mark.django_db
def test_standing_office_page_chart_table_communes_and_filters(client, world):  # noqa: F811
    adoption_b(world)
    client.force_login(world.users["standing"])
    text = client.get(reverse("replication:spread")).content.decode()
    assert "<svg" in text and 'role="img"' in text and "<title id=\"chart-title\">" in text
    assert 'id="spread-table"' in text and "<th scope=\"row\">03/2026</th><td>1</td>" in text
    assert "✓ Xã Thử Nghiệm" in text
    import xml.etree.ElementTree as ET

    svg = ET.fromstring(text[text.index("<svg"):text.index("</svg>") + 6])  # well-formed
    bars = svg.findall(".//{http://www.w3.org/2000/svg}rect")
    assert len(bars) == 1 and float(bars[0].get("height")) > 0
    section = text[text.index('id="over-time"'):text.index('id="agencies"')]
    assert "<script" not in section and "http" not in section.replace("http://www.w3.org", "")
    text = client.get(reverse("replication:spread"), {"kind": "collective", "by": "year"}
                      ).content.decode()
    assert "Chưa có lượt áp dụng nào khớp bộ lọc." in text
    client.force_login(world.users["officer_b"])
    assert client.get(reverse("replication:spread")).status_code == 403


@pytest.mark.django_db
def test_the_form_records_and_bad_input_changes_nothing(client, world):  # noqa: F811
    exemplar = recognised_b(world)
    client.force_login(world.users["officer_a"])
    url = reverse("replication:adoption_add", args=[exemplar.pk])
    before = snapshot()
    response = client.post(url, {"unit": world.unit_a.pk, "started_on": "2026-03-01",
                                 "scale_households": "-3"})
    assert response.status_code == 200 and "từ 0 đến" in response.content.decode()
    assert client.post(url, {"unit": world.unit_a.pk, "started_on": "hôm qua"}).status_code == 400
    assert snapshot() == before
    response = client.post(url, {"unit": world.unit_a.pk, "started_on": "2026-03-01",
                                 "scale_households": "12"})
    adoption = Adoption.objects.get(exemplar=exemplar)
    assert response.status_code == 302 and adoption.unit == world.unit_a
    detail = client.get(reverse("replication:adoption_detail", args=[adoption.pk]))
    assert "Số hộ tham gia: 12 hộ" in detail.content.decode()


# --- API -----------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_api_adds_a_result_and_refuses_bad_figures(client, world):  # noqa: F811
    adoption = adoption_b(world)
    token = token_for(world.users["officer_b"], scopes="read,write")
    path = f"/replication/adoptions/{adoption.pk}/results"
    bad = call(client, "POST", path, token, {"on": "2026-06-01", "text": "x",
                                             "figures": {"households": -5}})
    assert bad.status_code in (400, 422) and "từ 0 đến" in bad.content.decode()
    ok = call(client, "POST", path, token, {"on": "2026-06-01", "text": "Thu nhập tăng",
                                            "figures": {"households": 55}})
    assert ok.status_code == 200
    body = json.loads(ok.content)
    assert body["results"][0]["figures"] == {"households": 55}
    assert AdoptionResult.objects.count() == 1
    spread = call(client, "GET", "/replication/spread", token_for(world.users["standing"]))
    assert json.loads(spread.content)["commune_adopted"] == 1


@pytest.mark.django_db
def test_evidence_goes_through_the_upload_door(client, world):  # noqa: F811
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from replication.models import ResultEvidence

    adoption = adoption_b(world)
    officer = world.users["officer_b"]
    bad = SimpleUploadedFile("virus.exe", b"MZ...", "application/octet-stream")
    assert "không được nhận" in _unchanged(lambda: services.add_result(
        adoption=adoption, on=datetime.date(2026, 6, 1), text="Có ảnh", uploads=[bad],
        acting_user=officer))
    photo = io.BytesIO()
    image = Image.new("RGB", (3000, 2000), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "Máy ảnh"  # Make
    image.save(photo, format="JPEG", exif=exif)
    upload = SimpleUploadedFile("ruong-bac-thang.jpg", photo.getvalue(), "image/jpeg")
    result = services.add_result(adoption=adoption, on=datetime.date(2026, 6, 1),
                                 text="Ruộng bậc thang mở rộng", uploads=[upload],
                                 acting_user=officer)
    evidence = ResultEvidence.objects.get(result=result)
    stored = Image.open(evidence.file.open("rb"))
    assert max(stored.size) <= 1600 and not stored.getexif()
    assert evidence.original_name == "ruong-bac-thang.jpg"
    client.force_login(world.users["officer_a"])
    page = client.get(reverse("replication:adoption_detail", args=[adoption.pk])).content.decode()
    assert "ruong-bac-thang.jpg" in page
    response = client.get(reverse("replication:evidence_download", args=[evidence.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    stranger = MembershipFactory(unit=UnitFactory(name="Sở Khác"), role="unit_officer").user
    client.force_login(stranger)
    assert client.get(reverse("replication:evidence_download",
                              args=[evidence.pk])).status_code == 403
