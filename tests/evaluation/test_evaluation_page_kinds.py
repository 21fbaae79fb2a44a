"""The exemplar's evaluation page asks only for the evidence its criteria read, explains every
code, and shows each status with colour, icon and text.

Replay: a school was asked for "Gia đình văn hóa", "Nợ thuế" and household production; codes
(G1–G6, F-k, K5, "d1") had no legend; pass, fail and pending badges were the same grey.
"""

import re

import pytest
from django.urls import reverse

from evaluation import services as evaluation_services
from evaluation.evidence import EVIDENCE_TYPES, MEASURE_KINDS
from guidance.measures import MEASURES
from registry import services
from tests.world import world  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def _exemplar(w, kind, name, field):
    return services.add_exemplar(registration=w.registration_a, acting_user=w.users["officer_a"],
                                 data={"kind": kind, "name": name, "field_key": field})


def _page(client, w, exemplar) -> str:
    client.force_login(w.users["officer_a"])
    return client.get(reverse("evaluation:exemplar_evaluation", args=[exemplar.pk])
                      ).content.decode()


def _sections(page: str) -> set[str]:
    return set(re.findall(r'id="evidence-([a-z_]+)"', page))


def test_every_measure_declares_the_evidence_it_reads():
    assert set(MEASURE_KINDS) == set(MEASURES)
    kinds = {t.kind for t in EVIDENCE_TYPES}
    assert {k for read in MEASURE_KINDS.values() for k in read} <= kinds


def test_a_school_is_asked_only_for_ratings_and_recognitions(client, world):  # noqa: F811
    school = _exemplar(world, "collective", "Trường THCS Tân Phong", "f")
    page = _page(client, world, school)
    assert _sections(page) == {"ratings", "recognitions"}
    for label in ("Gia đình văn hóa", "Nợ thuế", "Mô hình sản xuất hộ gia đình"):
        assert label not in page


def test_a_household_in_production_is_asked_for_what_g6_and_n3_n5_read(client, world):  # noqa: F811
    household = _exemplar(world, "household", "Hộ ông Lò Văn Páo", "n")
    assert _sections(_page(client, world, household)) == {
        "cultural_family", "violations", "production"}


def test_a_collective_in_administrative_reform_is_asked_for_its_k_criteria(client, world):  # noqa: F811
    office = _exemplar(world, "collective", "Văn phòng Sở", "k")
    assert _sections(_page(client, world, office)) == {
        "ratings", "recognitions", "cchc", "disciplines", "cchc_initiative"}


def test_evidence_already_entered_stays_visible(client, world):  # noqa: F811
    school = _exemplar(world, "collective", "Trường THCS Tân Phong", "f")
    evaluation_services.add_evidence(exemplar=school, kind="tax_arrears",
                                     values={"amount": 0.0, "as_of": "2025-01-01"},
                                     acting_user=world.users["officer_a"])
    assert "tax_arrears" in _sections(_page(client, world, school))


def test_every_code_has_a_legend_and_a_tooltip(client, world):  # noqa: F811
    office = _exemplar(world, "collective", "Văn phòng Sở", "k")
    page = _page(client, world, office)
    legend = page.split('id="legend"', 1)[1].split("</details>", 1)[0]
    codes = re.findall(r'id="criterion-([^"]+)"', page)
    assert {"G1", "G4", "F-k", "K1", "K5"} <= set(codes)
    pack = world.campaign.pack.pack
    for code in codes:
        text = next(c.text for c in pack.criteria if c.code == code)
        assert f'<abbr title="{text}">{code}</abbr>' in legend or \
            f'<abbr title="{text.replace(chr(34), "&quot;")}">{code}</abbr>' in legend, code
        row = page.split(f'id="criterion-{code}"', 1)[1].split("</tr>", 1)[0]
        assert "<abbr title=" in row
    assert "<dt><abbr" in legend and ">k</abbr></dt><dd>Lĩnh vực: Cải cách hành chính</dd>" in legend


def test_statuses_differ_in_colour_icon_and_text(client, world):  # noqa: F811
    office = _exemplar(world, "collective", "Văn phòng Sở", "k")
    page = _page(client, world, office)
    legend = page.split('id="legend"', 1)[1].split("</details>", 1)[0]
    badges = re.findall(r'<span class="badge status status-(\w+)"><span class="status-icon" '
                        r'aria-hidden="true">(.)</span> ([^<]+)</span>', legend)
    assert [b[0] for b in badges] == ["pass", "fail", "needs_review", "unknown"]
    assert len({b[1] for b in badges}) == 4  # four icons
    assert [b[2] for b in badges] == ["Đạt", "Không đạt", "Chờ đánh giá", "Thiếu minh chứng"]
    # The checklist uses the same badges.
    assert re.search(r'id="criterion-G1".*?class="badge status status-needs_review"', page,
                     flags=re.S)


def test_status_colours_meet_aa_contrast():
    from django.conf import settings

    css = (settings.BASE_DIR / "static/css/app.css").read_text()

    def luminance(hex_: str) -> float:
        channels = [int(hex_[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    found = re.findall(r"\.badge\.status-(\w+) \{ background: (#[0-9a-f]{6}); color: "
                       r"(#[0-9a-f]{6});", css)
    assert {name for name, _bg, _fg in found} == {"pass", "fail", "needs_review", "unknown"}
    colours = set()
    for _name, bg, fg in found:
        high, low = sorted([luminance(bg), luminance(fg)], reverse=True)
        assert (high + 0.05) / (low + 0.05) >= 4.5
        colours.add(bg)
    assert len(colours) == 4


def test_once_rated_is_said_only_that_answers_kinds_are_asked(client, world):  # noqa: F811
    school = _exemplar(world, "collective", "Trường THCS Tân Phong", "f")
    client.force_login(world.users["officer_a"])
    client.post(reverse("evaluation:subject_rated", args=[school.pk]), {"rated": "0"})
    assert _sections(_page(client, world, school)) == {"recognitions"}
    client.post(reverse("evaluation:subject_rated", args=[school.pk]), {"rated": "1"})
    assert _sections(_page(client, world, school)) == {"ratings"}
