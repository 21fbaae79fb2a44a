"""Published lists as evidence: the tables the province publishes once a year for every unit
(the PAR index, the satisfaction index, the annual ratings of collectives, the communes' lists
of "Gia đình văn hóa") read, resolved and stored as the evidence of every unit they name.

The kinds are data (``evaluation/reference/published_lists.yaml``, :class:`ListKind`): which
evidence kind and field a list feeds, how its value is read and which column headers hold the
name and the value. One function, :func:`preview_list`, reads a file for the web preview, the
command, the API and the apply alike:

* the file goes through the one upload door (``uploads.safety.check_upload``) and the generic
  readers (an Excel sheet or a Word table: ``uploads.reader.file_blocks``);
* the header row is the first row holding a name header and a value header of the kind (the
  percentage column "Chỉ số (%)", never "Điểm");
* each row's unit is resolved by ``orgs.selectors.resolve_unit`` — the registration import's
  resolver — **as the units stood on** ``as_of`` (default: the end of the list's year), so a
  2024 list names the departments merged in 2025 and a 2025 list the new communes; nothing is
  guessed: an unknown or ambiguous name is *unmatched*, with candidates the user picks from
  (``picks``: row → unit id);
* a value that does not read (a percentage outside 0–100, a rating not on the guidance's scale)
  or a unit named twice is an *error* of its row.

:func:`apply_list` (a service: permission, one transaction, audit) refuses a list with any
unmatched or invalid row; otherwise it keeps the file as the proof (``PublishedList``), one
``PublishedValue`` per row, and writes each value into the unit's evidence row as the standing
office's (``evaluation.rules``: a unit cannot change it afterwards). A figure the unit had typed
that differs is kept on its value (``previous``) and flagged on the evaluation page
(:func:`published_for`).
"""

import datetime
import difflib
import functools
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from pydantic import BaseModel, ConfigDict

from accounts import roles
from accounts.models import Role
from audit import log
from audit.models import Action
from core.errors import DomainError, NotAllowed
from core.text import clean, fold
from evaluation import evidence, verdicts
from evaluation import models as m
from evaluation.services import get_or_create_subject
from orgs import naming
from orgs.models import Unit
from orgs.selectors import resolve_unit
from registry.enums import ExemplarKind
from registry.ranges import check_number

REFERENCE = Path(__file__).resolve().parent / "reference" / "published_lists.yaml"
CANDIDATES = 5  # at most this many candidates for an unmatched name


class ListKind(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str
    label: str
    evidence: str  # a kind of ``evaluation.evidence``
    field: str  # the field of its row the value goes into
    value: Literal["percent", "rating", "presence"]
    subject: Literal["unit", "household"] = "unit"
    name_headers: list[str]
    value_headers: list[str] = []
    unit_headers: list[str] = []  # households: the column naming their commune
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None

    def offered_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to)


class _Reference(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    kinds: list[ListKind]


@functools.cache
def list_kinds() -> tuple[ListKind, ...]:
    """Every declared kind (validated once; a wrong file stops the start, it is shipped)."""
    data = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
    kinds = tuple(_Reference.model_validate(data).kinds)
    for kind in kinds:
        if evidence.of_kind(kind.evidence) is None:
            raise ValueError(f"{REFERENCE.name}: {kind.key}: unknown evidence {kind.evidence!r}")
    return kinds


def kind_of(key: str) -> ListKind | None:
    return next((k for k in list_kinds() if k.key == key), None)


def kinds_offered(day: datetime.date | None = None) -> list[ListKind]:
    today = day or datetime.date.today()
    return [k for k in list_kinds() if k.offered_on(today)]


def kind_choices() -> list[tuple[str, str]]:
    return [(k.key, k.label) for k in kinds_offered()]


# --- the preview ------------------------------------------------------------------------------

@dataclass
class ListRow:
    row: int  # the row number in the file
    text: str  # the name as written
    raw: str  # the value cell as written
    value: float | str | None = None  # the number (percent), the level key (rating) or the year
    unit: Unit | None = None
    subject: Any = None  # households: the household's entry (an Exemplar) the row names
    former: Unit | None = None  # the unit named, when the resolver followed its successors
    candidates: tuple[Any, ...] = ()  # Units (or household Subjects) to pick from
    errors: list[str] = field(default_factory=list)
    picked: bool = False

    @property
    def matched(self) -> bool:
        return (self.unit is not None and not self.errors
                and (self.subject is not None or not self.is_household))

    is_household: bool = False

    @property
    def unmatched(self) -> bool:
        return not self.errors and not self.matched

    shown: str = ""  # the value as the page shows it ("96,3 %", a rating's label)


@dataclass
class ListPreview:
    kind: ListKind
    year: int
    as_of: datetime.date
    name_header: str
    value_header: str
    rows: list[ListRow]
    levels: dict[str, str] = field(default_factory=dict)  # rating key → label

    @property
    def matched(self) -> list[ListRow]:
        return [r for r in self.rows if r.matched]

    @property
    def unmatched(self) -> list[ListRow]:
        return [r for r in self.rows if r.unmatched]

    @property
    def invalid(self) -> list[ListRow]:
        return [r for r in self.rows if r.errors]

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.unmatched and not self.invalid

    def as_json(self) -> dict[str, Any]:
        """The command's and the API's answer (``errors`` of the file itself are added by
        the caller: a file that does not read has no preview)."""
        def code(item) -> str:  # a unit's code; a household: its entry's id
            return item.code if isinstance(item, Unit) else str(item.pk)

        return {
            "ok": self.ok,
            "kind": self.kind.key, "year": self.year, "as_of": self.as_of.isoformat(),
            "value_column": self.value_header,
            "matched": [{"row": r.row, "text": r.text, "unit": r.unit.code,
                         "value": r.value} for r in self.matched],
            "unmatched": [{"row": r.row, "text": r.text,
                           "candidates": [code(c) for c in r.candidates]}
                          for r in self.unmatched],
            "errors": [{"row": r.row, "message": message}
                       for r in self.invalid for message in r.errors],
        }


def _may_import(user) -> bool:
    return bool(user and user.has_perm("evaluation.import_published_list"))


def _header_key(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", fold(text)))


def _find_header(blocks, kind: ListKind) -> tuple[Any, int, dict[str, int], dict[str, str]]:
    """(block, index of the header row in it, column of each part, header as written)."""
    wanted = {"name": [_header_key(h) for h in kind.name_headers],
              "value": [_header_key(h) for h in kind.value_headers],
              "unit": [_header_key(h) for h in kind.unit_headers]}
    needed = ["name"] + (["value"] if kind.value != "presence" else []) + (
        ["unit"] if kind.subject == "household" else [])
    for block in blocks:
        for index, (_line, cells) in enumerate(block.rows[:15]):
            keys = [_header_key(c) for c in cells]
            columns: dict[str, int] = {}
            for part, headers in wanted.items():
                for header in headers:  # the first header of the declared order wins
                    found = next((i for i, k in enumerate(keys) if k == header
                                  and i not in columns.values()), None)
                    if found is not None:
                        columns[part] = found
                        break
            if all(p in columns for p in needed):
                return block, index, columns, {p: clean(cells[i]) for p, i in columns.items()}
    return None, -1, {}, {}


def _missing_header(kind: ListKind) -> str:
    parts = [kind.name_headers[0]]
    if kind.value != "presence":
        parts.append(kind.value_headers[0])
    if kind.subject == "household":
        parts.append(kind.unit_headers[0])
    return _("Không tìm thấy hàng tiêu đề của danh sách (cần các cột %(columns)s). Hãy kiểm tra "
             "đã chọn đúng loại danh sách.") % {"columns": ", ".join(f"“{p}”" for p in parts)}


_NUMBER = re.compile(r"^[+]?\d{1,3}(?:[.,]\d+)?$")
_ROMAN = re.compile(r"^[IVXLC]+\.?$", re.IGNORECASE)
_SKIPPED = ("tong cong", "tong so", "trung binh", "binh quan", "cong")


def _percent(raw: str) -> float | None:
    text = clean(raw).replace("%", "").replace(" ", "")
    if not _NUMBER.match(text):
        return None
    number = float(text.replace(",", "."))
    return number if 0 <= number <= 100 else None


def _cells(cells: list[str], columns: dict[str, int]) -> dict[str, str]:
    return {part: clean(cells[i]) if i < len(cells) else "" for part, i in columns.items()}


def _is_heading(cells: list[str], values: dict[str, str]) -> bool:
    """A group heading ("I. CÁC SỞ, BAN, NGÀNH") or a total line, not a unit."""
    first = clean(cells[0]) if cells else ""
    name = fold(values.get("name", ""))
    if name in _SKIPPED or any(name.startswith(s + " ") for s in _SKIPPED[:4]):
        return True
    return not values.get("value") and bool(_ROMAN.match(first) or (
        values.get("name", "").isupper() and not first.isdigit()))


def _scope(user):
    return roles.scoped(Unit.objects.all(), user, "tree_path")


def _unit_candidates(text: str, day: datetime.date, user, limit: int = CANDIDATES) -> tuple:
    """The units valid on ``day`` in the user's scope whose name is closest to ``text``: among
    those sharing its most telling word when any do (a national tree has 100,000 units), else
    among the first few thousand of the scope."""
    wanted = naming.short_key(text, asked=True)
    units = _scope(user).valid_on(day).only("pk", "code", "name", "short_name", "sort_key",
                                            "tree_path")
    words = sorted((w for w in wanted.split() if w not in naming.STOPWORDS and len(w) > 1),
                   key=len, reverse=True)
    pool: list[Unit] = []
    for word in words[:3]:
        pool += list(units.filter(folded_name__contains=word)[:2000])
    if not pool:
        pool = list(units[:5000])
    keys: dict[str, Unit] = {}
    for unit in pool:
        keys.setdefault(naming.short_key(unit.name), unit)
        if unit.short_name:
            keys.setdefault(naming.short_key(unit.short_name), unit)
    close = difflib.get_close_matches(wanted, list(keys), n=limit * 2, cutoff=0.6)
    found = {keys[k].pk: keys[k] for k in close}
    return tuple(list(found.values())[:limit])


def rating_levels() -> tuple[dict[str, str], dict[str, str]]:
    """The levels of annual rating of the latest version of every stored guidance:
    (folded label or key → key, key → label)."""
    from guidance.models import GuidancePack

    read, labels = {}, {}
    seen: set[str] = set()
    for record in GuidancePack.objects.order_by("code", "-version"):
        if record.code in seen:
            continue
        seen.add(record.code)
        for level in record.pack.ratings:
            read.setdefault(_header_key(level.label), level.key)
            read.setdefault(_header_key(level.key), level.key)
            labels.setdefault(level.key, level.label)
    return read, labels


def _read_value(kind: ListKind, raw: str, year: int, levels: dict[str, str]
                ) -> tuple[Any, str | None]:
    if kind.value == "presence":
        return year, None
    if not raw:
        return None, _("Dòng này không có giá trị ở cột đã đọc.")
    if kind.value == "percent":
        number = _percent(raw)
        if number is None:
            return None, _("“%(value)s” không phải tỷ lệ phần trăm từ 0 đến 100.") % {
                "value": raw}
        return number, None
    level = levels.get(_header_key(raw))
    if level is None:
        return None, _("Xếp loại “%(value)s” không có trong thang xếp loại của hướng dẫn.") % {
            "value": raw}
    return level, None


def _resolve_row(row: ListRow, day: datetime.date, user, picks: dict[int, int],
                 scope_ids: set[int]) -> None:
    picked = picks.get(row.row)
    resolution = resolve_unit(row.text, on=day)
    if resolution.unit is not None and resolution.unit.pk in scope_ids:
        row.unit, row.former = resolution.unit, resolution.former
        return
    if resolution.unit is not None:
        row.errors.append(_("“%(text)s” là %(unit)s, ngoài phạm vi bạn được nhập.") % {
            "text": row.text, "unit": resolution.unit.name})
        return
    candidates = tuple(u for u in resolution.candidates if u.pk in scope_ids) or (
        _unit_candidates(row.text, day, user))
    row.candidates = candidates
    if picked is not None:
        chosen = next((u for u in candidates if u.pk == picked), None)
        if chosen is None:
            chosen = _scope(user).valid_on(day).filter(pk=picked).first()
        if chosen is not None:
            row.unit, row.picked = chosen, True


def _household(row: ListRow, commune: Unit, picks: dict[int, int]) -> None:
    """The household the row names: a household registered by the commune or a unit under it,
    by folded name (the newest entry of that name: the same household registered again in a
    later campaign is one subject). Households of that name in two registering units, or
    none: candidates, nothing guessed."""
    from registry.models import Exemplar

    row.is_household = True
    path = commune.tree_path or f"/{commune.pk}/"
    households = (Exemplar.objects.filter(kind=ExemplarKind.HOUSEHOLD,
                                          registration__unit__tree_path__startswith=path)
                  .select_related("registration__unit").order_by("-pk"))
    wanted = fold(row.text)[:255]
    exact = list(households.filter(folded_name=wanted)[:50])
    identities = {(e.registration.unit_id, e.birth_year) for e in exact}
    if exact and len(identities) == 1:
        row.subject = exact[0]
        return
    pool = exact
    if not exact:
        names: dict[str, Exemplar] = {}
        for household in households[:5000]:
            names.setdefault(household.folded_name, household)
        pool = [names[n] for n in difflib.get_close_matches(wanted, list(names), n=CANDIDATES,
                                                            cutoff=0.6)]
    row.candidates = tuple(pool[:CANDIDATES])
    picked = picks.get(row.row)
    chosen = next((e for e in row.candidates if e.pk == picked), None)
    if chosen is not None:
        row.subject, row.picked = chosen, True


def picks_from_codes(items, day: datetime.date) -> dict[int, int]:
    """``["6=03394", …]`` (row=unit code, as the command and the API take them) → ``{row:
    unit id}`` of units valid on ``day``; ``DomainError`` naming the first that is not one."""
    picks = {}
    for item in items:
        row, _sep, code = item.partition("=")
        unit = Unit.objects.filter(code=code.strip()).valid_on(day).first()
        if not row.strip().isdigit() or unit is None:
            raise DomainError(_("Lựa chọn “%(value)s” không hợp lệ: cần DÒNG=MÃ của một đơn vị có "
                                "hiệu lực ngày %(day)s.") % {"value": item,
                                                             "day": day.strftime("%d/%m/%Y")},
                              field="picks")
        picks[int(row)] = unit.pk
    return picks


def preview_list(*, filename: str, data: bytes, kind: str, year: int, acting_user,
                 as_of: datetime.date | None = None, picks: dict[int, int] | None = None
                 ) -> ListPreview:
    """Read a published list against the units as they stood on ``as_of`` (default 31/12 of
    ``year``). No write. ``DomainError`` when the file cannot be used at all (wrong kind of
    file, no header row, no row); every row's own problem is on the row."""
    if not _may_import(acting_user):
        raise NotAllowed(_("Chỉ cơ quan thường trực nhập được danh sách công bố."))
    list_kind = kind_of(kind)
    if list_kind is None:
        raise DomainError(_("Loại danh sách “%(kind)s” không có trong danh mục.") % {
            "kind": kind}, field="kind")
    try:
        check_number("year", year)
    except ValidationError as error:
        raise DomainError(" ".join(error.messages), field="year") from error
    day = as_of or datetime.date(year, 12, 31)
    from uploads.reader import file_blocks
    from uploads.safety import UnusableFile, check_upload

    try:
        checked = check_upload(filename, data)
        if checked.kind not in ("xlsx", "docx"):
            raise DomainError(_("Hãy tải lên tệp Excel (.xlsx) hoặc Word (.docx)."), field="file")
        blocks = file_blocks(checked)
    except UnusableFile as error:
        raise DomainError(error.message, field="file") from error
    except DomainError:
        raise
    except Exception as error:  # a damaged file the parser chokes on: a message, never a 500
        raise DomainError(_("Không đọc được tệp (%(detail)s). Hãy mở tệp bằng Word/Excel, lưu "
                            "lại rồi tải lên lần nữa.") % {"detail": error}, field="file"
                          ) from error
    block, index, columns, written = _find_header([b for b in blocks if b.is_table], list_kind)
    if block is None:
        raise DomainError(_missing_header(list_kind), field="file")
    levels, labels = rating_levels() if list_kind.value == "rating" else ({}, {})
    picks = picks or {}
    scope_ids = set(_scope(acting_user).values_list("pk", flat=True))
    rows: list[ListRow] = []
    seen: dict[int, int] = {}
    for line, cells in block.rows[index + 1:]:
        values = _cells(cells, columns)
        if not values.get("name") or _is_heading(cells, values):
            continue
        row = ListRow(line, values["name"][:255], values.get("value", ""))
        row.value, problem = _read_value(list_kind, row.raw, year, levels)
        row.shown = shown(list_kind, row.value, labels)
        if problem:
            row.errors.append(problem)
        if list_kind.subject == "household":
            commune = resolve_unit(values.get("unit", ""), on=day)
            if commune.unit is None or commune.unit.pk not in scope_ids:
                row.errors.append(commune.message() or _(
                    "“%(text)s” ngoài phạm vi bạn được nhập.") % {"text": values.get("unit")})
            else:
                row.unit = commune.unit
                _household(row, commune.unit, picks)
        else:
            _resolve_row(row, day, acting_user, picks, scope_ids)
        key = (row.subject.pk if row.subject else row.unit.pk) if (
            row.subject or (row.unit and list_kind.subject == "unit")) else None
        if key is not None and not row.errors:
            if key in seen:
                row.errors.append(_("Đơn vị này đã có ở dòng %(row)s.") % {"row": seen[key]})
            else:
                seen[key] = line
        rows.append(row)
    if not rows:
        raise DomainError(_("Danh sách không có dòng nào dưới hàng tiêu đề."), field="file")
    return ListPreview(list_kind, year, day, written.get("name", ""), written.get("value", ""),
                       rows, labels)


# --- applying: the service --------------------------------------------------------------------

def unit_subject(unit: Unit) -> m.Subject:
    """The collective subject that is the unit itself (``evaluation.services._identity`` of a
    collective exemplar linked to the unit): created on first use."""
    subject = m.Subject.objects.filter(kind=ExemplarKind.COLLECTIVE, unit=unit).order_by(
        "pk").first()
    if subject is None:
        subject = m.Subject.objects.create(
            kind=ExemplarKind.COLLECTIVE, unit=unit, name=unit.name,
            folded_name=fold(unit.name)[:255], home_unit=unit)
    return subject


def _unlinked_of(unit_ids: set[int]) -> list[int]:
    from registry.models import Exemplar

    return list(Exemplar.objects.filter(linked_unit_id__in=unit_ids, subject_link__isnull=True)
                .values_list("pk", flat=True))


def link_unit_exemplars(exemplar_ids) -> None:
    """Collective exemplars that are a unit itself (``linked_unit``) and not yet linked to a
    subject are linked to the unit's subject when it exists — what
    ``services.get_or_create_subject`` would do at their first evidence — so a unit registered
    after its published figures were imported reads them at once. (A listener of
    ``registry.exemplar_changes``, and a step of :func:`apply_list` for those registered
    before.)"""
    from registry.models import Exemplar

    ids = list(exemplar_ids)
    exemplars = Exemplar.objects.filter(kind=ExemplarKind.COLLECTIVE, linked_unit__isnull=False,
                                        subject_link__isnull=True)
    pairs = [pair for start in range(0, len(ids), 5000)
             for pair in exemplars.filter(pk__in=ids[start:start + 5000])
             .values_list("pk", "linked_unit_id")]
    if not pairs:
        return
    subjects = dict(m.Subject.objects.filter(
        kind=ExemplarKind.COLLECTIVE, unit_id__in={u for _e, u in pairs}).order_by(
        "-pk").values_list("unit_id", "pk"))  # the first subject of a unit wins (ordered last)
    links = [m.ExemplarSubject(exemplar_id=e, subject_id=subjects[u]) for e, u in pairs
             if u in subjects]
    m.ExemplarSubject.objects.bulk_create(links, ignore_conflicts=True)
    verdicts.evidence_changed([link.exemplar_id for link in links])


def shown(kind: ListKind, value: Any, labels: dict[str, str]) -> str:
    if value is None or value == "":
        return ""
    if kind.value == "percent":
        return f"{float(value):g}".replace(".", ",") + " %"
    if kind.value == "rating":
        return labels.get(value, str(value))
    return str(value)


def _write_value(kind: ListKind, subject: m.Subject, year: int, value: Any, user,
                 labels: dict[str, str]) -> str:
    """The value into the subject's evidence row of that year, as the standing office's.
    Returns what someone else had entered there before when it differs ("" otherwise)."""
    kind_type = evidence.of_kind(kind.evidence)
    model = kind_type.model
    row = model.objects.select_for_update().filter(subject=subject, year=year).first()
    previous = ""
    stamp = {"entered_by": user, "entered_by_role": Role.STANDING_OFFICE}
    if kind.value == "presence":
        if row is None:
            model.objects.create(subject=subject, year=year, **stamp)
    elif row is None:
        model.objects.create(subject=subject, year=year, **{kind.field: value}, **stamp)
    else:
        before = getattr(row, kind.field)
        if before not in (None, "") and before != value and row.entered_by_role != (
                Role.STANDING_OFFICE):
            previous = shown(kind, before, labels)
        setattr(row, kind.field, value)
        for name, stamped in stamp.items():
            setattr(row, name, stamped)
        row.save(update_fields=[kind.field, *stamp])
    m.EvidenceDeclaration.objects.update_or_create(subject=subject, kind=kind.evidence,
                                                   defaults={"provided": True})
    return previous


def apply_list(*, filename: str, data: bytes, kind: str, year: int, acting_user,
               as_of: datetime.date | None = None, picks: dict[int, int] | None = None
               ) -> m.PublishedList:
    """Store every value of the list as evidence of its unit, the file as the proof. All or
    nothing: a list with an unmatched or invalid row is refused and nothing is written.

    Side effects: the file in private storage, one ``PublishedList``, one ``PublishedValue``
    and one evidence row written per row, the verdicts of every exemplar of those subjects
    marked stale, one audit event for the list and one per value."""
    preview = preview_list(filename=filename, data=data, kind=kind, year=year,
                           acting_user=acting_user, as_of=as_of, picks=picks)
    if not preview.ok:
        raise DomainError(_("Danh sách còn %(unmatched)s dòng chưa xác định được đơn vị và "
                            "%(invalid)s dòng lỗi; chưa nhập dòng nào.") % {
            "unmatched": len(preview.unmatched), "invalid": len(preview.invalid)})
    list_kind = preview.kind
    record = m.PublishedList(
        kind=list_kind.key, year=year, as_of=preview.as_of, original_name=clean(filename)[:255],
        size=len(data), sha256=hashlib.sha256(data).hexdigest(),
        value_header=preview.value_header[:255], rows=len(preview.rows),
        imported_by=acting_user if getattr(acting_user, "pk", None) else None)
    record.file.save(filename, ContentFile(data), save=False)
    try:
        with transaction.atomic():
            record.save()
            values = []
            subjects: set[int] = set()
            for row in preview.rows:
                subject = (get_or_create_subject(row.subject) if row.subject is not None
                           else unit_subject(row.unit))
                previous = _write_value(list_kind, subject, year, row.value, acting_user,
                                        preview.levels)
                values.append(m.PublishedValue(
                    published_list=record, row=row.row, text=row.text, unit=row.unit,
                    subject=subject, number=row.value if isinstance(row.value, float) else None,
                    level=row.value if isinstance(row.value, str) else "",
                    previous=previous[:64]))
                subjects.add(subject.pk)
            m.PublishedValue.objects.bulk_create(values)
            units = {row.unit.pk for row in preview.rows if row.subject is None}
            if units:
                link_unit_exemplars(_unlinked_of(units))
            verdicts.evidence_changed(m.ExemplarSubject.objects.filter(
                subject_id__in=subjects).values_list("exemplar_id", flat=True))
            log.record(actor=acting_user, action=Action.IMPORT, obj=record,
                       verb=_("Nhập danh sách công bố")[:64],
                       after={"kind": list_kind.key, "year": year,
                              "as_of": preview.as_of.isoformat(), "rows": len(values),
                              "file": record.original_name, "sha256": record.sha256})
            stored = list(record.entries.select_related("unit"))
            log.record_many(actor=acting_user, action=Action.UPDATE, objects=stored,
                            owner=record, verb=str(list_kind.label)[:64],
                            after=lambda v: {"unit": v.unit.code, "number": v.number,
                                             "level": v.level, "previous": v.previous})
    except BaseException:
        record.file.storage.delete(record.file.name)
        raise
    return record


# --- reading what was published ---------------------------------------------------------------

@dataclass(frozen=True)
class PublishedFigure:
    """One published value of a subject, with what its evidence row now says and what the
    unit had typed before the list was applied."""

    kind: ListKind
    year: int
    published: str
    current: str
    previous: str
    source: m.PublishedList

    @property
    def differs(self) -> bool:
        return bool(self.previous) or (self.current != self.published)


def published_for(subject: m.Subject | None) -> list[PublishedFigure]:
    """The latest published value of each kind and year for the subject (two queries and one
    per evidence kind concerned), for the evaluation page."""
    if subject is None:
        return []
    entries = (m.PublishedValue.objects.filter(subject=subject)
               .select_related("published_list").order_by("published_list__year", "pk"))
    latest: dict[tuple[str, int], m.PublishedValue] = {}
    for entry in entries:
        latest[(entry.published_list.kind, entry.published_list.year)] = entry
    if not latest:
        return []
    _read, labels = rating_levels() if any(
        (kind_of(k) and kind_of(k).value == "rating") for k, _y in latest) else ({}, {})
    rows: dict[tuple[str, int], Any] = {}
    for evidence_kind in {kind_of(k).evidence for k, _y in latest if kind_of(k)}:
        model = evidence.of_kind(evidence_kind).model
        for row in model.objects.filter(subject=subject):
            rows[(evidence_kind, row.year)] = row
    out = []
    for (key, year), entry in sorted(latest.items(), key=lambda item: (item[0][1], item[0][0])):
        list_kind = kind_of(key)
        if list_kind is None:
            continue
        value = entry.number if entry.number is not None else (entry.level or year)
        row = rows.get((list_kind.evidence, year))
        current = "" if row is None else (
            shown(list_kind, year, labels) if list_kind.value == "presence"
            else shown(list_kind, getattr(row, list_kind.field), labels))
        out.append(PublishedFigure(list_kind, year, shown(list_kind, value, labels), current,
                                   entry.previous, entry.published_list))
    return out
