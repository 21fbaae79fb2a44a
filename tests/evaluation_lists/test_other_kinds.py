"""The two other kinds the issue names: annual ratings of collectives and the communes' lists
of "Gia đình văn hóa"."""

from evaluation import lists, selectors
from evaluation import models as m
from registry.enums import ExemplarKind
from tests.evaluation_lists.helpers import unit
from tests.factories import ExemplarFactory, RegistrationFactory
from uploads.tables import xlsx_bytes


def test_ratings_of_collectives_are_read_on_the_guidance_scale(standing, pack_record):
    data = xlsx_bytes("Kết quả", ["STT", "Tên cơ quan, đơn vị", "Xếp loại"], [
        (1, "Sở Tư pháp", "Hoàn thành xuất sắc nhiệm vụ"),
        (2, "SỞ Y TẾ", "hoàn thành tốt nhiệm vụ"),
        (3, "Sở GD&ĐT", "Loại A")])
    preview = lists.preview_list(filename="xl.xlsx", data=data, kind="collective_ratings",
                                 year=2024, acting_user=standing)
    assert [(r.unit.code, r.value) for r in preview.matched] == [("STP", "xuat_sac"),
                                                                  ("SYT", "tot")]
    assert "“Loại A” không có trong thang xếp loại" in preview.invalid[0].errors[0]
    good = xlsx_bytes("Kết quả", ["STT", "Tên cơ quan, đơn vị", "Xếp loại"],
                      [(1, "Sở Tư pháp", "Hoàn thành xuất sắc nhiệm vụ")])
    lists.apply_list(filename="xl.xlsx", data=good, kind="collective_ratings", year=2024,
                     acting_user=standing)
    rating = m.AnnualRating.objects.get(subject__unit=unit("STP"))
    assert (rating.year, rating.level) == (2024, "xuat_sac")


def test_a_communes_cultural_families_list_names_its_registered_households(standing, campaign):
    binh_lu = unit("03390")
    registration = RegistrationFactory(campaign=campaign, unit=binh_lu)
    family = ExemplarFactory(registration=registration, kind=ExemplarKind.HOUSEHOLD,
                             name="Lò Văn Pọm", field_key="d1")
    ExemplarFactory(registration=registration, kind=ExemplarKind.HOUSEHOLD, name="Tẩn Láo Lở",
                    field_key="d1")
    data = xlsx_bytes("Danh sách", ["STT", "Họ và tên chủ hộ", "Thôn, bản", "Xã, phường"], [
        (1, "LÒ VĂN PỌM", "Bản Hon", "UBND xã Bình Lư"),
        (2, "Tẩn Láo Lợi", "Bản Nà Luồng", "Xã Bình Lư")])  # a slip: a candidate, not a guess
    preview = lists.preview_list(filename="gdvh.xlsx", data=data, kind="cultural_families",
                                 year=2025, acting_user=standing)
    assert [(r.row, r.subject.pk) for r in preview.matched] == [(3, family.pk)]
    [open_row] = preview.unmatched
    assert [c.name for c in open_row.candidates] == ["Tẩn Láo Lở"]
    lists.apply_list(filename="gdvh.xlsx", data=data, kind="cultural_families", year=2025,
                     acting_user=standing, picks={4: open_row.candidates[0].pk})
    family.refresh_from_db()
    case = selectors.evidence_for([family.pk])[family.pk].case(
        kind="household", field="d1", year=2025, judgements={})
    assert 2025 in case.cultural_family_years
