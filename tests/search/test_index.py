
"""The index follows the data: the reindex/remove functions the services call, and a full rebuild."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from orgs.models import Unit
from registry.models import Exemplar
from search.index import rebuild, reindex, remove
from search.models import SearchEntry, SearchKey, SearchTerm
from search.selectors import search
from tests.factories import ExemplarFactory


def names(hits):
    return [hit.name for hit in hits]


def test_new_exemplar_is_found_once_indexed(province):
    registration = province.by_name["Đặng Thị Mai"].registration
    exemplar = ExemplarFactory(registration=registration, name="Sùng Thị Dợ")
    assert search(None, "Sung Thi Do") == []
    reindex(exemplar)
    assert names(search(None, "Sung Thi Do")) == ["Sùng Thị Dợ"]
    assert SearchTerm.objects.filter(term="sung").exists()


def test_changed_exemplar_is_found_by_its_new_name_only(province):
    exemplar = province.by_name["Giàng A Pao"]
    exemplar.name = "Giàng A Chư"
    exemplar.save()
    reindex(exemplar)
    assert search(None, "Giàng A Pao") == []
    assert names(search(None, "giang a chu")) == ["Giàng A Chư"]
    assert SearchEntry.objects.filter(object_id=exemplar.pk, kind="exemplar").count() == 1


def test_removed_exemplar_is_not_found(province):
    exemplar = province.by_name["Lò Văn Thắng"]
    remove(Exemplar, exemplar.pk)
    assert search(None, "Lò Văn Thắng") == []
    assert not SearchKey.objects.filter(entry__object_id=exemplar.pk,
                                        entry__kind="exemplar").exists()


def test_renamed_unit_updates_labels_and_successors_former_names(province):
    old = province.old_commune
    old.name = "Phường Quyết Thắng"
    old.save()
    reindex(old)
    assert names(search(None, "quyet thang", kinds=["unit"])) == [
        "Phường Quyết Thắng", "Phường Đoàn Kết"]
    unit_a = province.unit_a
    unit_a.name = "Sở Y tế Lai Châu"
    unit_a.save()
    reindex(unit_a)
    assert search(None, "Đặng Thị Mai")[0].unit == "Sở Y tế Lai Châu"


def test_removed_unit_is_not_found(province):
    remove(Unit, province.unit_b.pk)
    assert search(None, "Bản Giang", kinds=["unit"]) == []


def test_rebuild_is_idempotent_and_counts(province):
    before = sorted(SearchKey.objects.values_list("key", "field", "start"))
    stats = rebuild(batch_size=2)
    after = sorted(SearchKey.objects.values_list("key", "field", "start"))
    assert [bytes(k) for k, *_ in before] == [bytes(k) for k, *_ in after]
    assert stats.entries == {"unit": Unit.objects.count(), "exemplar": Exemplar.objects.count()}
    assert stats.entries["exemplar"] == 14
    assert stats.keys == SearchKey.objects.count()
    assert stats.terms == SearchTerm.objects.filter(in_names=True).count()
    assert stats.text_terms == SearchTerm.objects.filter(in_names=False).count()


def test_query_count_does_not_grow_with_the_number_of_hits(province):
    registration = province.by_name["Đặng Thị Mai"].registration

    def count(query):
        with CaptureQueriesContext(connection) as ctx:
            search(None, query)
        return len(ctx.captured_queries)

    search(None, "Đặng Thị Mai")  # the vocabulary read once (search.vocabulary)
    few = count("Đặng Thị Mai")
    for _ in range(5):
        reindex(ExemplarFactory(registration=registration, name="Đặng Thị Mai"))
    assert count("Đặng Thị Mai") == few


@pytest.mark.django_db
def test_bulk_added_exemplars_are_searchable(world_for_bulk):
    from registry import services
    from search.selectors import search

    registration, officer = world_for_bulk
    services.bulk_add_exemplars(registration=registration, acting_user=officer, rows=[
        {"kind": "individual", "name": "Vàng Thị Mỷ", "field_key": "e"},
        {"kind": "individual", "name": "Tẩn Láo Phổng", "field_key": "k"},
    ])
    hits = search(None, "vang thi my")
    assert hits and hits[0].name == "Vàng Thị Mỷ"
    assert search(None, "Tẩn Láo Phổng")[0].name == "Tẩn Láo Phổng"


@pytest.fixture
def world_for_bulk(db):
    from tests.world import build_world

    world = build_world()
    return world.registration_a, world.users["officer_a"]
