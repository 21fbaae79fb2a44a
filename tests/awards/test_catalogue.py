"""The two catalogues as data: loaded idempotently, audited, used entries closed, never deleted."""

import datetime

import pytest
import yaml
from django.core.management import call_command

from audit.models import AuditEvent
from awards import services
from awards.models import AwardRecord, CommendationForm, EmulationTitle
from core.errors import DomainError, NotAllowed
from tests.awards.helpers import load, record, subject_of_a
from tests.world import world  # noqa: F401  (fixture)


@pytest.mark.django_db
def test_shipped_catalogues_load_apart_and_idempotently(world):  # noqa: F811
    counts = services.load_catalogue(acting_user=world.users["standing"])
    titles = set(EmulationTitle.objects.values_list("name", flat=True))
    forms = set(CommendationForm.objects.values_list("name", flat=True))
    assert {"Lao động tiên tiến", "Chiến sĩ thi đua cơ sở", "Chiến sĩ thi đua tỉnh",
            "Chiến sĩ thi đua toàn quốc", "Tập thể lao động tiên tiến", "Tập thể lao động xuất sắc",
            "Cờ thi đua của UBND tỉnh", "Cờ thi đua của Chính phủ", "Thôn, tổ dân phố văn hóa",
            "Gia đình văn hóa"} == titles
    assert {"Giấy khen", "Bằng khen của Chủ tịch UBND tỉnh", "Bằng khen của Thủ tướng Chính phủ",
            "Huân chương Lao động hạng Ba", "Kỷ niệm chương", "Công nhận điển hình tiên tiến",
            "Biểu dương"} <= forms
    assert not titles & forms
    assert counts["created"] == len(titles) + len(forms)
    entry = CommendationForm.objects.get(code="bang-khen-ubnd-tinh")
    assert "06/2022/QH15" in entry.legal_basis and "152/2025/NĐ-CP" in entry.legal_basis
    assert entry.valid_from == datetime.date(2004, 7, 1)
    assert not CommendationForm.objects.get(code="ky-niem-chuong").counts_as_recognition
    events = AuditEvent.objects.count()
    again = services.load_catalogue(acting_user=world.users["standing"])
    assert again["created"] == again["updated"] == 0
    assert again["unchanged"] == counts["created"]
    assert AuditEvent.objects.count() == events  # nothing changed, nothing logged


@pytest.mark.django_db
def test_an_entry_gone_from_the_file_is_closed_if_used_deleted_if_not(world, tmp_path):  # noqa: F811
    load(world)
    record(subject_of_a(world), CommendationForm.objects.get(code="giay-khen"))
    data = yaml.safe_load(services.CATALOGUE_PATH.read_text(encoding="utf-8"))
    data["forms"] = [f for f in data["forms"] if f["code"] not in ("giay-khen", "bieu-duong")]
    data["forms"][0]["name"] = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    counts = services.load_catalogue(path, acting_user=world.users["admin"])
    assert counts["closed"] == 1 and counts["deleted"] == 1
    assert counts["updated"] >= 1  # the renamed one (and the order of those after the removed)
    assert CommendationForm.objects.filter(
        name="Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh").count() == 1
    used = CommendationForm.objects.get(code="giay-khen")
    assert used.valid_to is not None and AwardRecord.objects.filter(form=used).count() == 1
    assert not CommendationForm.objects.filter(code="bieu-duong").exists()
    assert AuditEvent.objects.filter(verb="close").count() == 1


@pytest.mark.django_db
def test_loading_is_refused_to_units_and_a_code_cannot_be_in_both(world, tmp_path):  # noqa: F811
    with pytest.raises(NotAllowed):
        services.load_catalogue(acting_user=world.users["officer_a"])
    assert not EmulationTitle.objects.exists()
    path = tmp_path / "bad.yaml"
    path.write_text("titles:\n  - {code: x, name: X, valid_from: 2024-01-01}\n"
                    "forms:\n  - {code: x, name: Y, valid_from: 2024-01-01}\n", encoding="utf-8")
    with pytest.raises(DomainError, match="vừa là danh hiệu"):
        services.load_catalogue(path, acting_user=world.users["standing"])
    path.write_text(": : :", encoding="utf-8")
    with pytest.raises(DomainError, match="Không đọc được"):
        services.load_catalogue(path, acting_user=world.users["standing"])


@pytest.mark.django_db
def test_command_loads_the_shipped_file(world, capsys):  # noqa: F811
    call_command("load_award_catalogue")
    assert "thêm mới: 19" in capsys.readouterr().out
    assert EmulationTitle.objects.count() == 10


@pytest.mark.django_db
def test_save_and_close_an_entry(world):  # noqa: F811
    standing = world.users["standing"]
    values = {"code": "giay-khen-so", "name": "  Giấy khen của Giám đốc Sở ", "level": "Sở",
              "subject_kinds": ["individual"], "valid_from": datetime.date(2024, 1, 1)}
    entry = services.save_catalogue_entry(catalogue="forms", values=values, acting_user=standing)
    assert entry.name == "Giấy khen của Giám đốc Sở"
    with pytest.raises(DomainError, match="đã có"):
        services.save_catalogue_entry(catalogue="titles", values=values, acting_user=standing)
    services.close_catalogue_entry(catalogue="forms", entry=entry,
                                   valid_to=datetime.date(2025, 6, 30), acting_user=standing)
    assert CommendationForm.objects.get(pk=entry.pk).valid_to == datetime.date(2025, 6, 30)
    with pytest.raises(DomainError):
        services.close_catalogue_entry(catalogue="forms", entry=entry,
                                       valid_to=datetime.date(2020, 1, 1), acting_user=standing)
