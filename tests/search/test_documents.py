"""The document protocol: apps register what is searchable; search/ indexes any registered kind."""

import pytest

from core.collation import person_sort_key, sort_key
from orgs.models import EmulationBlock, Unit
from registry import services
from registry.enums import exemplar_sort_key
from registry.models import Exemplar
from search import documents
from search.documents import Document, Source
from search.index import rebuild, reindex, remove
from search.models import KeyField, SearchEntry
from search.selectors import search


def test_units_and_exemplars_are_registered_by_their_apps_in_app_order():
    assert [s.kind for s in documents.sources()] == ["unit", "exemplar"]
    assert documents.source_for(Exemplar).kind == "exemplar"
    assert documents.source_for(Unit).kind == "unit"
    with pytest.raises(LookupError):
        documents.source_for(EmulationBlock)
    with pytest.raises(LookupError):
        documents.source("decision")


def test_hits_take_their_badge_and_link_from_their_source(province):
    exemplar = province.by_name["Đặng Thị Mai"]
    hit = search(None, "Đặng Thị Mai", kinds=["exemplar"])[0]
    assert (hit.badge, hit.url) == ("Cá nhân", f"/dang-ky/dien-hinh/{exemplar.pk}/")
    unit = search(None, "Sở Y tế tỉnh Lai Châu", kinds=["unit"])[0]
    assert (unit.badge, unit.url) == ("Cơ quan, đơn vị", f"/don-vi/{province.unit_a.pk}/")


def _block_document(block: EmulationBlock, unit: Unit) -> Document:
    return Document(kind="block", object_id=block.pk, unit_id=unit.pk, category="",
                    name=block.name, unit_label=unit.name,
                    texts=[(KeyField.NAME, block.name)])


@pytest.fixture
def blocks(province, monkeypatch):
    """A third kind, registered the way an app would: emulation blocks owned by unit A, which
    only province-wide roles may see (no unit role sees any)."""
    owner = province.unit_a
    monkeypatch.setattr(documents, "_SOURCES", dict(documents._SOURCES))
    documents.register(Source(
        kind="block", model=EmulationBlock, label="Khối thi đua", count_label="%(count)d khối",
        documents=lambda items: [_block_document(b, owner) for b in items],
        every_batch=lambda size: iter([[_block_document(b, owner)
                                        for b in EmulationBlock.objects.order_by("pk")]]),
        visible_units=lambda user: Unit.objects.none(),
        url=lambda pk: f"/khoi/{pk}/",
    ))
    return EmulationBlock.objects.create(code="K1", name="Khối thi đua Tây Bắc")


def test_a_registered_kind_is_indexed_found_and_removed_without_search_knowing_it(blocks):
    assert search(None, "Tây Bắc") == []
    reindex(blocks)
    hit = search(None, "tay bac")[0]
    assert (hit.kind, hit.id, hit.badge, hit.url, hit.unit) == (
        "block", blocks.pk, "Khối thi đua", f"/khoi/{blocks.pk}/", "Sở Y tế tỉnh Lai Châu")
    remove(EmulationBlock, blocks.pk)
    assert search(None, "tay bac") == []


def test_rebuild_covers_every_registered_kind(blocks):
    stats = rebuild(batch_size=2)
    assert list(stats.entries) == ["unit", "exemplar", "block"]
    assert stats.entries["block"] == 1
    assert SearchEntry.objects.filter(kind="block", object_id=blocks.pk).count() == 1


def test_each_kind_is_scoped_by_its_own_source(province, blocks):
    reindex(blocks)
    # Unit A's officer sees unit A's exemplars, not unit A's blocks: their source says so.
    assert search(province.officer_a, "tay bac") == []
    assert [h.name for h in search(province.officer_a, "Đặng Thị Mai", limit=1)] == [
        "Đặng Thị Mai"]
    assert search(province.officer_a, "Lò Văn Thắng", kinds=["exemplar"]) == []
    assert [h.kind for h in search(province.standing, "tay bac")] == ["block"]


@pytest.mark.parametrize(("kind", "person"), [
    ("individual", True), ("household", True), ("collective", False), ("model", False),
])
def test_an_exemplar_is_ordered_by_one_rule_in_its_row_and_its_search_entry(
        province, kind, person):
    registration = province.by_name["Đặng Thị Mai"].registration
    name = "Lò Thị Anh" if person else "Trạm Y tế xã Bản Lang"
    exemplar = services.add_exemplar(
        registration=registration, acting_user=province.officer_a,
        data={"kind": kind, "name": name, "field_key": "e"})
    expected = person_sort_key(name) if person else sort_key(name)
    assert person_sort_key(name) != sort_key(name)
    assert exemplar_sort_key(kind, name) == expected
    assert bytes(Exemplar.objects.get(pk=exemplar.pk).sort_key) == expected
    entry = SearchEntry.objects.get(kind="exemplar", object_id=exemplar.pk)
    assert bytes(entry.sort_key) == expected
