"""The writes of discovery: a suggestion sent through the public form (no login; the view
applies the per-address throttle), and its screening by the standing office — accept and route
to a unit (its officers and heads are told in the app), or decline with a reason (the sender is
told by email when they gave one). Each write cleans its inputs (NFC), checks the permission,
runs in one transaction with the audit log; notices and mail go after commit."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import log
from audit.models import Action
from core.errors import DomainError, NotAllowed, StaleVersion
from core.text import clean, clean_multiline
from discovery.models import Suggestion, SuggestionPhoto
from discovery.workflow import SUGGESTION_TRANSITIONS
from orgs.models import Unit
from progress import files as upload_files
from registry.effects import Move

MAX_PHOTOS = 3
MAX_PHOTO_BYTES = upload_files.MAX_FILE_BYTES
LIMITS = {"sender_name": 150, "contact_email": 254, "contact_phone": 30, "whom": 200,
          "what": 5000, "where": 300}
AUDITED = ["state", "routed_unit_id", "decline_reason"]


def _require(user, permission: str, obj) -> None:
    if not user.has_perm(permission, obj):
        raise NotAllowed(_("Bạn không có quyền thực hiện thao tác này."))


def check_suggestion(*, sender_name: str, whom: str, what: str, where: str,
                     contact_email: str = "", contact_phone: str = "") -> dict:
    """The cleaned fields, or ``DomainError`` naming the first field that is wrong."""
    data = {"sender_name": clean(sender_name), "contact_email": clean(contact_email).lower(),
            "contact_phone": clean(contact_phone), "whom": clean(whom),
            "what": clean_multiline(what), "where": clean(where)}
    required = {"sender_name": _("Hãy ghi họ và tên người giới thiệu."),
                "whom": _("Hãy ghi tên người (tập thể) được giới thiệu."),
                "what": _("Hãy kể việc tốt người đó đã làm."),
                "where": _("Hãy ghi nơi xảy ra (thôn, bản, tổ dân phố, xã, phường).")}
    for name, message in required.items():
        if not data[name]:
            raise DomainError(message, field=name)
    for name, size in LIMITS.items():
        if len(data[name]) > size:
            raise DomainError(_("Nội dung quá dài (tối đa %(n)d ký tự).") % {"n": size},
                              field=name)
    if data["contact_email"]:
        try:
            validate_email(data["contact_email"])
        except ValidationError as error:
            raise DomainError(_("Địa chỉ thư điện tử không hợp lệ."),
                              field="contact_email") from error
    phone = data["contact_phone"]
    if phone and not all(c.isdigit() or c in "+ .()-" for c in phone):
        raise DomainError(_("Số điện thoại chỉ gồm chữ số (có thể có dấu +, dấu cách)."),
                          field="contact_phone")
    return data


def prepare_photos(files) -> list:
    """Each (name, bytes) decoded and re-encoded as a JPEG without any metadata (the upload
    door of ``progress.files``); anything but a photo is refused."""
    files = list(files or [])
    if len(files) > MAX_PHOTOS:
        raise DomainError(_("Gửi kèm tối đa %(n)d ảnh.") % {"n": MAX_PHOTOS}, field="photos")
    prepared = []
    for name, data in files:
        item = upload_files.prepare(name, data)
        if item.kind != "photo":
            raise DomainError(_("Tệp “%(name)s” không được nhận: chỉ gửi kèm ảnh (JPEG, PNG, "
                                "WebP).") % {"name": item.original_name}, field="photos")
        prepared.append(item)
    return prepared


def submit_suggestion(*, sender_name: str, whom: str, what: str, where: str,
                      contact_email: str = "", contact_phone: str = "", unit: Unit | None = None,
                      photos=(), client_hash: str = "", acting_user=None) -> Suggestion:
    """A new suggestion from the public form (anyone may send one; the view throttles per
    address). ``photos``: (name, bytes) pairs. Side effects: photos in the private storage
    (re-encoded, no EXIF), audit log."""
    data = check_suggestion(sender_name=sender_name, whom=whom, what=what, where=where,
                            contact_email=contact_email, contact_phone=contact_phone)
    prepared = prepare_photos(photos)
    stored: list[str] = []
    try:
        with transaction.atomic():
            suggestion = Suggestion.objects.create(**data, unit=unit,
                                                   client_hash=clean(client_hash)[:64])
            for item in prepared:
                photo = SuggestionPhoto(suggestion=suggestion, original_name=item.original_name,
                                        size=len(item.data))
                photo.file.save("anh.jpg", ContentFile(item.data), save=False)
                stored.append(photo.file.name)
                photo.save()
            log.record(actor=acting_user, action=Action.CREATE, obj=suggestion,
                       verb=_("Gửi giới thiệu người tốt, việc tốt"),
                       after={"whom": data["whom"], "where": data["where"],
                              "photos": len(prepared)})
    except BaseException:
        from uploads import private

        for name in stored:
            private.storage().delete(name)
        raise
    return suggestion


def _locked(suggestion: Suggestion, expected_version: int | None) -> Suggestion:
    current = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if expected_version is not None and current.version != expected_version:
        raise StaleVersion(_("Giới thiệu này vừa được người khác xem xét; hãy tải lại trang."))
    return current


def _move(suggestion, name: str, *, acting_user, reason: str = "", routed_unit=None,
          expected_version=None) -> Suggestion:
    from registry.services._common import apply_transition

    step = SUGGESTION_TRANSITIONS[name]
    with transaction.atomic():
        current = _locked(suggestion, expected_version)
        current.route_to = routed_unit
        move = Move(acting_user=acting_user, reason=reason, now=timezone.now())
        apply_transition(current, step, move, audited=AUDITED, unit=routed_unit,
                         wrong_state=_("Không thể “%(action)s” khi giới thiệu đang ở trạng thái "
                                       "“%(state)s”."))
    return current


def route_suggestion(*, suggestion: Suggestion, unit: Unit, acting_user, note: str = "",
                     expected_version: int | None = None) -> Suggestion:
    """Accept the suggestion and route it to ``unit``: its officers and heads are told in the
    app (after commit). Side effects: state, routed unit, screened by/at, audit log."""
    _require(acting_user, "discovery.screen_suggestion", suggestion)
    if not isinstance(unit, Unit):
        raise DomainError(_("Hãy chọn đơn vị được chuyển."), field="unit")
    current = _move(suggestion, "route_suggestion", acting_user=acting_user,
                    reason=clean_multiline(note), routed_unit=unit,
                    expected_version=expected_version)
    transaction.on_commit(lambda: _enqueue_routed(current.pk, acting_user))
    return current


def decline_suggestion(*, suggestion: Suggestion, reason: str, acting_user,
                       expected_version: int | None = None) -> Suggestion:
    """Decline with a reason; the sender is told by email when they gave an address (after
    commit, through the task worker). Side effects: state, reason, screened by/at, audit log."""
    _require(acting_user, "discovery.screen_suggestion", suggestion)
    reason = clean_multiline(reason)
    if not reason:
        raise DomainError(_("Hãy nêu lý do không tiếp nhận."), field="reason")
    if len(reason) > 5000:
        raise DomainError(_("Nội dung quá dài (tối đa %(n)d ký tự).") % {"n": 5000},
                          field="reason")
    current = _move(suggestion, "decline_suggestion", acting_user=acting_user, reason=reason,
                    expected_version=expected_version)
    if current.contact_email:
        transaction.on_commit(lambda: _enqueue_declined(current.pk))
    return current


def _enqueue_routed(pk: int, acting_user) -> None:
    from discovery.tasks import notify_suggestion_routed

    notify_suggestion_routed.enqueue(suggestion_id=pk, actor_id=getattr(acting_user, "pk", None))


def _enqueue_declined(pk: int) -> None:
    from discovery.tasks import mail_suggestion_declined

    mail_suggestion_declined.enqueue(suggestion_id=pk)
