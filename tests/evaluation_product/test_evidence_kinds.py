"""Each kind of evidence is declared once (``evaluation.evidence``); everything else follows."""

import dataclasses

import pytest
from django import forms
from django.apps import apps
from django.urls import reverse

from core.errors import DomainError
from evaluation import evidence, selectors, services
from evaluation import models as m
from evaluation.engine.case import Case, Document
from evaluation.evidence import EvidenceKind, EvidenceType
from evaluation.forms import evidence_form
from evaluation.loading import Loaded

NOT_EVIDENCE = {"kind", "year", "field", "rated", "judgements"}  # Case attributes of no kind


def test_the_kind_choices_are_the_declarations():
    kinds = [t.kind for t in evidence.EVIDENCE_TYPES]
    assert len(set(kinds)) == len(kinds)
    assert list(evidence.BY_KIND) == kinds
    assert EvidenceKind.values == kinds
    assert [str(label) for label in EvidenceKind.labels] == [str(t.label)
                                                             for t in evidence.EVIDENCE_TYPES]
    field = m.EvidenceDeclaration._meta.get_field("kind")
    assert [key for key, _label in field.choices] == kinds


def test_every_evidence_model_is_declared_once():
    row_models = {model for model in apps.get_app_config("evaluation").get_models()
                  if issubclass(model, m.Evidence)} - {m.Proof}
    declared = [t.model for t in evidence.EVIDENCE_TYPES]
    assert sorted(declared, key=str) == sorted(row_models, key=str)


@pytest.mark.parametrize("kind_type", evidence.EVIDENCE_TYPES, ids=lambda t: t.kind)
def test_each_declaration_names_real_fields(kind_type):
    names = {f.name for f in kind_type.model._meta.get_fields()}
    assert set(kind_type.fields) <= names
    assert set(kind_type.columns) <= names
    assert set(kind_type.replaces) <= set(kind_type.fields)
    if kind_type.choices is not None:
        assert kind_type.choices.field in kind_type.fields


@pytest.mark.parametrize("kind_type", evidence.EVIDENCE_TYPES, ids=lambda t: t.kind)
def test_each_kind_has_its_form(kind_type, pack_record):
    form_class = evidence_form(kind_type.kind)
    assert form_class._meta.model is kind_type.model
    form = form_class(pack=pack_record.pack, prefix=kind_type.kind)
    assert list(form.fields) == list(kind_type.fields)
    if kind_type.choices is not None:
        field = form.fields[kind_type.choices.field]
        levels = getattr(pack_record.pack, kind_type.choices.scale)
        assert isinstance(field, forms.ChoiceField)
        assert field.choices == [(lv.key, lv.label) for lv in levels]
    assert evidence_form("no-such-kind") is None


def test_every_evidence_attribute_of_the_case_is_fed_by_a_kind():
    fed: dict[str, list[str]] = {}
    for t in evidence.EVIDENCE_TYPES:
        fed.setdefault(t.attribute, []).append(t.kind)
    attributes = {f.name for f in dataclasses.fields(Case)} - NOT_EVIDENCE
    assert set(fed) == attributes
    assert {a for a, kinds in fed.items() if len(kinds) > 1} == set(evidence.COMBINED)


def test_nothing_provided_gives_an_absent_case_and_declared_gives_empty():
    collected = {t.kind: {} for t in evidence.EVIDENCE_TYPES}
    absent = evidence.case_attributes(collected, 7, declared=())
    assert set(absent.values()) == {None}
    empty = evidence.case_attributes(collected, 7, declared=set(evidence.BY_KIND))
    assert empty["ratings"] == {} and empty["recognitions"] == () and empty["tax_arrears"] == 0.0
    assert empty["cchc"] == {} and empty["cchc_initiative"] is False
    assert empty["household_production"] is None  # a production record is needed


# --- a kind added by one declaration flows everywhere ------------------------------------------


def _awards(rows):
    out: dict[int, list[Document]] = {}
    for sid, number, authority in rows:
        out.setdefault(sid, []).append(Document(number, None, authority, "giải thưởng"))
    return {sid: tuple(items) for sid, items in out.items()}


AWARDS = EvidenceType(
    "awards", "Giải thưởng (thử)", m.Recognition, ("number", "authority"),
    attribute="recognitions", columns=("number", "authority"), collect=_awards, empty=())


@pytest.fixture
def with_awards(monkeypatch):
    """The declarations with ``recognitions`` replaced by a new kind, ``awards``."""
    types = tuple(AWARDS if t.kind == "recognitions" else t for t in evidence.EVIDENCE_TYPES)
    monkeypatch.setattr(evidence, "EVIDENCE_TYPES", types)
    monkeypatch.setattr(evidence, "BY_KIND", {t.kind: t for t in types})


@pytest.mark.django_db
def test_a_new_declaration_reaches_services_readers_forms_and_the_page(client, world,
                                                                       with_awards):
    exemplar, officer = world.exemplar_a, world.users["officer_a"]
    assert ("awards", "Giải thưởng (thử)") in m.EvidenceDeclaration._meta.get_field(
        "kind").choices
    form = evidence_form("awards")(pack=None, prefix="awards")
    assert list(form.fields) == ["number", "authority"]

    client.force_login(officer)
    url = reverse("evaluation:evidence_add", args=[exemplar.pk, "awards"])
    response = client.post(url, {"awards-number": "5/QĐ", "awards-authority": "UBND tỉnh"})
    assert response.status_code == 302
    assert m.EvidenceDeclaration.objects.filter(kind="awards").count() == 1
    with pytest.raises(DomainError, match="không hợp lệ"):  # the replaced kind is gone
        services.declare_provided(exemplar=exemplar, kind="recognitions", acting_user=officer)

    expected = (Document("5/QĐ", None, "UBND tỉnh", "giải thưởng"),)
    assert Loaded([exemplar.pk]).case(exemplar.pk, exemplar.kind, None, 2025).recognitions == \
        expected
    page_read = selectors.evidence_for([exemplar.pk])[exemplar.pk]
    assert page_read.provided("awards")
    assert page_read.case(kind=exemplar.kind, field=None, year=2025,
                          judgements={}).recognitions == expected

    page = client.get(reverse("evaluation:exemplar_evaluation", args=[exemplar.pk]))
    content = page.content.decode()
    assert 'id="evidence-awards"' in content and "Giải thưởng (thử)" in content
    assert "5/QĐ · UBND tỉnh" in content
    assert 'id="evidence-recognitions"' not in content
