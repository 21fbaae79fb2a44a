"""Load the issuing authorities (``decisions/reference/authorities.yaml``): matched by ``code``,
created when missing, refreshed when the file says something else; nothing is deleted. One
audit event per authority created or changed."""

import datetime
from pathlib import Path

import yaml
from django.db import transaction
from django.utils.translation import gettext as _

from audit import log
from audit.models import Action
from core.errors import DomainError
from core.text import clean, clean_multiline
from decisions.models import Authority

AUTHORITIES_FILE = Path(__file__).with_name("authorities.yaml")
FORMAT = "dienhinh.authorities/1"
TEXT_FIELDS = ("name", "superior_body", "issuing_body", "heading", "symbol", "place",
               "default_signer")
MULTILINE_FIELDS = ("signature_block", "proposal_text", "default_articles",
                    "default_recipients")
AUDITED = [*TEXT_FIELDS, *MULTILINE_FIELDS, "legal_basis", "signature_choices", "valid_from",
           "valid_to"]


def _date(value, field: str, code: str) -> datetime.date | None:
    if value is None or isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError as error:
        raise DomainError(_("Cơ quan “%(code)s”: “%(field)s” không phải ngày hợp lệ.")
                          % {"code": code, "field": field}) from error


def _values(entry: dict) -> dict:
    code = clean(str(entry.get("code") or ""))
    if not code:
        raise DomainError(_("Mỗi cơ quan ban hành cần có mã (code)."))
    values = {name: clean(str(entry.get(name) or "")) for name in TEXT_FIELDS}
    values |= {name: clean_multiline(str(entry.get(name) or "")) for name in MULTILINE_FIELDS}
    for required in ("name", "issuing_body", "symbol", "place"):
        if not values[required]:
            raise DomainError(_("Cơ quan “%(code)s” thiếu “%(field)s”.")
                              % {"code": code, "field": required})
    bases = entry.get("legal_basis") or []
    values["legal_basis"] = "\n".join(clean(str(b)) for b in bases if clean(str(b)))
    choices = [clean_multiline(str(c)) for c in entry.get("signature_blocks") or []]
    values["signature_choices"] = [c for c in choices if c]
    values["valid_from"] = _date(entry.get("valid_from"), "valid_from", code)
    if values["valid_from"] is None:
        raise DomainError(_("Cơ quan “%(code)s” thiếu ngày hiệu lực (valid_from).")
                          % {"code": code})
    values["valid_to"] = _date(entry.get("valid_to"), "valid_to", code)
    return {"code": code, **values}


def read_authorities(path: Path = AUTHORITIES_FILE) -> list[dict]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise DomainError(_("Không đọc được tệp cơ quan ban hành: %(error)s")
                          % {"error": error}) from error
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise DomainError(_("Tệp cơ quan ban hành không đúng định dạng %(format)s.")
                          % {"format": FORMAT})
    entries = data.get("authorities")
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise DomainError(_("Tệp cơ quan ban hành cần danh sách “authorities”."))
    return [_values(e) for e in entries]


def load_authorities(path: Path = AUTHORITIES_FILE) -> dict[str, int]:
    """Create or refresh the authorities of the file. Returns {"created", "updated",
    "unchanged"} counts; running it twice changes nothing the second time."""
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    with transaction.atomic():
        for values in read_authorities(path):
            code = values.pop("code")
            current = Authority.objects.select_for_update().filter(code=code).first()
            if current is None:
                authority = Authority.objects.create(code=code, **values)
                log.record(actor=None, action=Action.LOAD, obj=authority,
                           after=log.snapshot(authority, AUDITED))
                counts["created"] += 1
                continue
            before = log.snapshot(current, AUDITED)
            for name, value in values.items():
                setattr(current, name, value)
            after = log.snapshot(current, AUDITED)
            if before == after:
                counts["unchanged"] += 1
                continue
            current.save()
            log.record(actor=None, action=Action.LOAD, obj=current, before=before, after=after)
            counts["updated"] += 1
    return counts
