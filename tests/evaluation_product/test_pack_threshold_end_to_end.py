"""Changing a threshold in the pack and reloading it changes verdicts, with no code change."""

import pytest
from django.core.management import call_command

from evaluation import services
from evaluation.pack_move import move_campaign_to_version
from evaluation.selectors import evaluate_exemplars
from guidance.loading import ensure_reference_campaign, shipped_pack_path
from guidance.models import GuidancePack
from registry.models import Exemplar
from tests.world import world  # noqa: F401


def _k1_status(campaign, exemplar) -> str:
    verdicts = evaluate_exemplars(campaign, Exemplar.objects.filter(pk=exemplar.pk))
    verdict = verdicts[exemplar.pk] if isinstance(verdicts, dict) else verdicts[0]
    return next(c.status for c in verdict.criteria if c.code == "K1")


@pytest.mark.django_db
def test_reloaded_pack_with_k1_at_90_turns_87_percent_into_a_fail(world, tmp_path):  # noqa: F811
    campaign = ensure_reference_campaign()
    world.registration_a.campaign = campaign
    world.registration_a.save()
    collective = world.registration_a.exemplars.get(kind="collective")
    collective.field_key = "k"
    collective.save()
    for year in (2024, 2025):
        services.add_evidence(exemplar=collective, kind="cchc", acting_user=world.users["standing"],
                              values={"year": year, "par_index": 87.0, "satisfaction": 96.0,
                                      "overdue_dossiers": 0})
    assert _k1_status(campaign, collective) == "pass"

    text = shipped_pack_path().read_text(encoding="utf-8")
    stricter = text.replace("version: 1", "version: 2", 1).replace(
        "{metric: par_index, min: 85, adjacent_years: 1}",
        "{metric: par_index, min: 90, adjacent_years: 1}")
    assert stricter != text
    path = tmp_path / "2533-v2.yaml"
    path.write_text(stricter, encoding="utf-8")
    call_command("load_guidance", str(path), verbosity=0)
    campaign = ensure_reference_campaign()  # loading a version moves no campaign
    assert campaign.pack.version == 1
    assert _k1_status(campaign, collective) == "pass"
    # the system administrator moves it explicitly (nothing received yet), and K1 follows
    version_2 = GuidancePack.objects.get(code=campaign.pack.code, version=2)
    preview = move_campaign_to_version(campaign=campaign, pack=version_2, reason="Sửa ngưỡng",
                                       acting_user=world.users["admin"])
    assert [(c.code, c.before, c.after) for v in preview.verdicts for c in v.criteria
            if v.exemplar == collective] == [("K1", "pass", "fail")]
    campaign.refresh_from_db()
    assert campaign.pack.version == 2
    assert _k1_status(campaign, collective) == "fail"
