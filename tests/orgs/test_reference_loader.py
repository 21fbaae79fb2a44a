"""The loader is idempotent, keeps the standing office's edits and follows file changes."""

import csv
import shutil

import pytest

from accounts.models import Role
from audit.models import Action, AuditEvent
from orgs.models import Unit, UnitSuccession
from orgs.reference.build import build_reference_data
from orgs.reference.files import REFERENCE_DIR
from orgs.reference.load import load_reference_units
from orgs.reference.specs import ReferenceDataError
from orgs.services import save_unit
from tests.factories import MembershipFactory

NOTHING = {"blocks_created": 0, "units_created": 0, "units_updated": 0,
           "successions_created": 0, "successions_updated": 0}


def table_counts() -> tuple[int, int, int]:
    return Unit.objects.count(), UnitSuccession.objects.count(), AuditEvent.objects.count()


@pytest.fixture
def files(tmp_path):
    """An editable copy of the reference files."""
    target = tmp_path / "reference"
    shutil.copytree(REFERENCE_DIR, target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return target


def edit_csv(path, match: dict[str, str], changes: dict[str, str]) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    hits = [r for r in rows if all(r[k] == v for k, v in match.items())]
    assert len(hits) == 1
    hits[0].update(changes)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_first_load_writes_one_summary_audit_event(loaded):
    event = AuditEvent.objects.get()
    assert event.action == Action.LOAD
    assert event.changes["units_created"] == [None, 202]


def test_second_load_changes_nothing(loaded):
    before = table_counts()
    assert load_reference_units() == NOTHING
    assert table_counts() == before


def test_standing_office_edits_survive_a_reload(loaded):
    unit = Unit.objects.get(code="SNV", valid_to=None)
    unit.address = "Tầng 5, Nhà B, Khu hành chính - chính trị tỉnh, phường Tân Phong"
    unit.short_name = "Sở Nội vụ"
    unit.emulation_block = None
    save_unit(unit=unit, acting_user=MembershipFactory(unit=unit, role=Role.STANDING_OFFICE).user)
    assert load_reference_units() == NOTHING
    unit.refresh_from_db()
    assert unit.address == "Tầng 5, Nhà B, Khu hành chính - chính trị tỉnh, phường Tân Phong"
    assert (unit.short_name, unit.emulation_block) == ("Sở Nội vụ", None)


def test_changed_reference_fact_is_refreshed_and_audited(loaded, files):
    edit_csv(files / "agencies.csv", {"code": "STP"}, {"name": "Sở Tư pháp tỉnh Lai Châu (mới)"})
    counts = load_reference_units(directory=files)
    assert counts == {**NOTHING, "units_updated": 1}
    unit = Unit.objects.get(code="STP")
    assert (unit.name, unit.folded_name) == (
        "Sở Tư pháp tỉnh Lai Châu (mới)", "so tu phap tinh lai chau (moi)",
    )
    event = AuditEvent.objects.filter(action=Action.UPDATE).get()
    assert event.changes == {"name": ["Sở Tư pháp tỉnh Lai Châu", "Sở Tư pháp tỉnh Lai Châu (mới)"]}
    assert load_reference_units(directory=files) == NOTHING


def test_new_parent_in_the_files_moves_the_whole_subtree(loaded, files):
    edit_csv(files / "agencies.csv", {"code": "SYT"}, {"parent_code": "VPUBND"})
    load_reference_units(directory=files)
    office = Unit.objects.get(code="VPUBND")
    health = Unit.objects.get(code="SYT")
    hospital = Unit.objects.get(code="SYT-BVDK")
    assert health.tree_path == f"{office.tree_path}{health.pk}/"
    assert hospital.tree_path == f"{office.tree_path}{health.pk}/{hospital.pk}/"


def test_loading_without_samples_leaves_out_sample_rows(db):
    counts = load_reference_units(include_samples=False)
    assert counts["units_created"] == 194
    assert not Unit.objects.filter(code__startswith="MAU-").exists()
    assert not Unit.objects.filter(code="03390-TH").exists()
    assert Unit.objects.filter(code="SYT-BVDK").exists()


def test_broken_files_are_refused_with_every_problem_listed(files):
    edit_csv(files / "agencies.csv", {"code": "STP"}, {"parent_code": "KHONG-CO"})
    edit_csv(files / "agencies.csv", {"code": "SCT"}, {"block": "KHOI-LA"})
    with pytest.raises(ReferenceDataError) as error:
        build_reference_data(files)
    assert len(error.value.problems) == 2
    assert "KHONG-CO" in error.value.problems[0]
    assert "KHOI-LA" in error.value.problems[1]
