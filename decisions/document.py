"""What a decision's document says, once for the Word file and the PDF (Nghị định 30/2020/NĐ-CP,
Phụ lục III, mẫu 1.2 — quyết định cá biệt): the issuer block and number top left, the motto and
the place and date top right, "QUYẾT ĐỊNH" and its subject, the authority's title, the legal
bases, the proposal it answers, "QUYẾT ĐỊNH:", the articles, "Nơi nhận" and the signature
block, then the attached list (danh sách kèm theo).

The document's text is the official Vietnamese wording and does not go through gettext (like
the Biểu đăng ký's). A draft says "DỰ THẢO", has no number ("Số: …/QĐ-UBND") and leaves the
day and month blank.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from decisions import selectors
from decisions.models import Decision, DecisionState
from decisions.services import award_phrase
from registry.io.document import MOTTO, NATION, blank_place_date, place_date, xml_safe

KIND_ORDER = ("collective", "household", "individual", "model")
KIND_LABELS = {"collective": "tập thể", "individual": "cá nhân", "household": "hộ gia đình",
               "model": "mô hình"}
KIND_HEADINGS = {"collective": "TẬP THỂ", "individual": "CÁ NHÂN", "household": "HỘ GIA ĐÌNH",
                 "model": "MÔ HÌNH"}
ROMAN = ("I", "II", "III", "IV")
LIST_HEADERS = (("STT", 1.2), ("Tên tập thể, cá nhân", 4.8), ("Chức vụ, đơn vị", 4.5),
                ("Thành tích", 5.5))


@dataclass(frozen=True)
class Row:
    number: str
    name: str
    description: str
    achievement: str


@dataclass(frozen=True)
class Group:
    heading: str
    rows: list[Row]


@dataclass(frozen=True)
class Article:
    label: str  # "Điều 2."
    text: str


@dataclass
class DecisionDocument:
    is_draft: bool
    superior_body: str
    issuing_body: str
    number_line: str
    place_date: str
    nation: str
    motto: str
    title: str
    subject: str
    heading: str
    bases: list[str]
    proposal: str
    articles: list[Article]
    recipients: list[str]
    signature_lines: list[str]
    signer_name: str
    list_title: str
    list_subtitle: str
    list_reference: str
    groups: list[Group] = field(default_factory=list)
    revoked_note: str = ""

    @property
    def names(self) -> list[str]:
        return [row.name for group in self.groups for row in group.rows]


def _kind(entry) -> str:
    if entry.proposal_item_id:
        return entry.proposal_item.exemplar.kind
    return entry.subject.kind if entry.subject_id else "individual"


def counts_text(kinds: list[str]) -> str:
    """"02 tập thể và 03 cá nhân" — the numbers with two digits, as decisions write them."""
    parts = [f"{kinds.count(k):02d} {KIND_LABELS[k]}" for k in KIND_ORDER if kinds.count(k)]
    if len(parts) > 1:
        return ", ".join(parts[:-1]) + " và " + parts[-1]
    return parts[0] if parts else ""


def _article(line: str) -> Article:
    """"Điều 2. Quyết định …" → ("Điều 2.", "Quyết định …"); other lines have no label."""
    head, dot, rest = line.partition(".")
    if dot and head.startswith("Điều ") and head[5:].strip().isdigit():
        return Article(f"{head}.", rest.strip())
    return Article("", line)


def first_article(decision: Decision, kinds: list[str]) -> str:
    text = f"{award_phrase(decision)} cho {counts_text(kinds)} (có danh sách kèm theo)"
    if decision.campaign_id:
        name = decision.campaign.name
        text += f", đã có thành tích tiêu biểu trong {name[:1].lower()}{name[1:]}"
    return text + "."


def _date_short(day: datetime.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "…"


def build(decision: Decision) -> DecisionDocument:
    authority = decision.authority
    entries = selectors.decision_entries(decision)
    kinds = [_kind(e) for e in entries]
    is_draft = decision.state == DecisionState.DRAFT
    number = str(decision.number) if decision.number else "…"
    if decision.issued_on:
        dated = place_date(authority.place, decision.issued_on)
    else:
        dated = blank_place_date(authority.place, datetime.date.today().year)
    groups = []
    for kind in KIND_ORDER:
        rows = [Row("", xml_safe(e.name), xml_safe(e.description), xml_safe(e.achievement))
                for e, k in zip(entries, kinds, strict=True) if k == kind]
        if rows:
            rows = [Row(str(n), r.name, r.description, r.achievement)
                    for n, r in enumerate(rows, start=1)]
            groups.append(Group(f"{ROMAN[len(groups)]}. {KIND_HEADINGS[kind]}", rows))
    phrase = award_phrase(decision)
    articles = [Article("Điều 1.", first_article(decision, kinds))]
    articles += [_article(line) for line in xml_safe(decision.articles).splitlines()
                 if line.strip()]
    recipients = [f"- {line.strip().lstrip('- ').strip()}" for line in
                  xml_safe(decision.recipients).splitlines() if line.strip()]
    revoked = ""
    if decision.state == DecisionState.REVOKED:
        revoked = (f"ĐÃ THU HỒI ngày {_date_short(timezone.localdate(decision.revoked_at))}: "
                   f"{xml_safe(decision.revoke_reason)}")
    return DecisionDocument(
        is_draft=is_draft,
        superior_body=authority.superior_body.upper(),
        issuing_body=authority.issuing_body.upper(),
        number_line=f"Số: {number}/{authority.symbol}",
        place_date=dated, nation=NATION, motto=MOTTO,
        title="QUYẾT ĐỊNH", subject=xml_safe(decision.subject),
        heading=(authority.heading or authority.name).upper(),
        bases=[line for line in xml_safe(decision.legal_basis).splitlines() if line.strip()],
        proposal=xml_safe(decision.proposal_text),
        articles=articles, recipients=recipients,
        signature_lines=[line for line in xml_safe(decision.signature_block).splitlines()
                         if line.strip()],
        signer_name=xml_safe(decision.signer_name),
        list_title="DANH SÁCH",
        list_subtitle=f"Các tập thể, cá nhân được {phrase[:1].lower()}{phrase[1:]}",
        list_reference=(f"(Kèm theo Quyết định số {number}/{authority.symbol} ngày "
                        f"{_date_short(decision.issued_on)} của {authority.name})"),
        groups=groups, revoked_note=revoked)


def file_stem(decision: Decision) -> str:
    from django.utils.text import slugify

    from core.text import fold

    if decision.number:
        symbol = slugify(fold(decision.authority.symbol).replace("đ", "d")) or "qd"
        return f"quyet-dinh-{decision.number}-{symbol}-{decision.year}"
    return f"du-thao-quyet-dinh-{decision.pk}"
