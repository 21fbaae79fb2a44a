import pytest
from tests.world import world  # noqa
pytestmark = pytest.mark.django_db

def test_show(world):
    from registry.io.reader import read_upload
    from registry.io.issuer import issuer_texts
    from registry.services.form_import import file_units
    from orgs.selectors import resolve_unit
    from tests.registry_io.helpers import individuals_sheet
    pack = world.campaign.pack.pack
    p = read_upload("a.xlsx", individuals_sheet([[1, "A", "", "k"]]), pack)
    print(p.unit_lines, issuer_texts(p, pack), file_units(p, pack), resolve_unit("so y te thu"), world.unit_a.valid_from, world.unit_a.valid_to)
