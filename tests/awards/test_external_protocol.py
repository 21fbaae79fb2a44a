"""evaluation.external: a source feeds a documents kind; nothing from it leaves absent absent."""

import pytest

from evaluation import external
from evaluation.engine.case import Document


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        external.register_source("no-such-kind", lambda scope, *, as_of: {})


@pytest.mark.django_db  # the awards sources registered at start-up run too
def test_documents_are_joined_and_absent_stays_absent():
    def source(scope, *, as_of):
        return {1: (Document("1/QĐ", "2024-01-02", "UBND tỉnh", None),), 2: ()}

    external.register_source("recognitions", source)
    external.register_source("recognitions", source)  # twice is once
    try:
        found = external.documents_for([1, 2, 3])
        assert 1 in found["recognitions"] and 2 not in found["recognitions"]
        entered = (Document("9/QĐ", None, None, None),)
        one = external.merge({"recognitions": entered}, found, 1)
        assert one["recognitions"][0].number == "9/QĐ" and one["recognitions"][-1].number == "1/QĐ"
        assert external.merge({"recognitions": None}, found, 3) == {"recognitions": None}
        assert external.merge({"recognitions": None}, found, 2) == {"recognitions": None}
    finally:
        external.unregister_source("recognitions", source)
