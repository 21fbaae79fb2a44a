"""Every API error is ``{"detail": str, "errors": [{"field": str, "message": str}]}`` with the
same Vietnamese message the web page shows, and a 4xx status for every client mistake."""

import logging

from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidation
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from core.errors import DomainError, MalformedInput, NotAllowed, StaleVersion

log = logging.getLogger("dienhinh.api")


class FieldError(Schema):
    field: str
    message: str


class Error(Schema):
    detail: str
    errors: list[FieldError] = []


def _messages() -> dict[str, str]:
    # pydantic's error types, in the words of the web forms
    return {
        "missing": _("Trường này là bắt buộc."),
        "string_too_long": _("Giá trị dài quá mức cho phép."),
        "string_too_short": _("Giá trị ngắn hơn mức tối thiểu."),
        "string_type": _("Phải là một chuỗi ký tự."),
        "int_parsing": _("Phải là một số nguyên."),
        "int_type": _("Phải là một số nguyên."),
        "int_from_float": _("Phải là một số nguyên."),
        "float_parsing": _("Phải là một số."),
        "float_type": _("Phải là một số."),
        "decimal_parsing": _("Phải là một số."),
        "bool_parsing": _("Phải là true hoặc false."),
        "bool_type": _("Phải là true hoặc false."),
        "date_from_datetime_parsing": _("Ngày không hợp lệ (định dạng YYYY-MM-DD)."),
        "date_parsing": _("Ngày không hợp lệ (định dạng YYYY-MM-DD)."),
        "date_type": _("Ngày không hợp lệ (định dạng YYYY-MM-DD)."),
        "datetime_parsing": _("Thời điểm không hợp lệ."),
        "greater_than_equal": _("Giá trị nhỏ hơn mức tối thiểu."),
        "greater_than": _("Giá trị nhỏ hơn mức tối thiểu."),
        "less_than_equal": _("Giá trị lớn hơn mức tối đa."),
        "less_than": _("Giá trị lớn hơn mức tối đa."),
        "literal_error": _("Giá trị không nằm trong danh sách cho phép."),
        "enum": _("Giá trị không nằm trong danh sách cho phép."),
        "list_type": _("Phải là một danh sách."),
        "dict_type": _("Phải là một đối tượng JSON."),
        "model_attributes_type": _("Phải là một đối tượng JSON."),
        "extra_forbidden": _("Trường này không được dùng ở đây."),
        "json_invalid": _("Nội dung gửi lên không phải JSON hợp lệ."),
        "uuid_parsing": _("Mã không hợp lệ."),
    }


def _field(loc) -> str:
    parts = [str(p) for p in loc or () if p not in ("body", "query", "path", "form", "file", "payload")]
    return ".".join(parts) or "__all__"


def _validation(errors) -> list[dict]:
    messages = _messages()
    # type "form": a Django form's own (Vietnamese) message, passed on as it is
    return [{"field": _field(e.get("loc")),
             "message": str(e["msg"]) if e.get("type") == "form" and e.get("msg")
             else messages.get(e.get("type", ""), _("Giá trị không hợp lệ."))}
            for e in errors]


def install(api) -> None:
    def respond(request, status: int, detail: str, errors=()):
        return api.create_response(request, {"detail": str(detail), "errors": list(errors)},
                                   status=status)

    @api.exception_handler(ValidationError)
    def invalid(request, exc):
        errors = _validation(exc.errors)
        return respond(request, 422, _("Dữ liệu gửi lên chưa hợp lệ."), errors)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        response = respond(request, 401, _("Cần khóa API hợp lệ (Authorization: Bearer …); khóa "
                                           "có thể đã hết hạn hoặc bị thu hồi."))
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(Throttled)
    def throttled(request, exc):
        response = respond(request, 429, _("Khóa API này gửi quá nhiều yêu cầu; hãy chờ một lát "
                                           "rồi thử lại."))
        if exc.wait:
            response["Retry-After"] = str(int(exc.wait) + 1)
        return response

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        cause = exc.__cause__  # ninja wraps the parser's refusal in its English "Cannot parse…"
        if isinstance(cause, MalformedInput):
            return respond(request, 400, cause.message)
        message = str(exc)
        if message.startswith("Cannot parse request body"):  # ninja's words for our parser's
            message = _("Nội dung gửi lên không phải JSON hợp lệ.")
        return respond(request, exc.status_code, message)

    @api.exception_handler(SuspiciousOperation)
    def suspicious(request, exc):  # a body over DATA_UPLOAD_MAX_MEMORY_SIZE, too many fields
        return respond(request, 400, _("Yêu cầu không hợp lệ hoặc quá lớn."))

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return respond(request, 404, _("Không tìm thấy hoặc bạn không có quyền xem."))

    @api.exception_handler(PermissionDenied)
    def denied(request, exc):
        message = str(exc) or _("Bạn không có quyền thực hiện thao tác này.")
        return respond(request, 403, message)

    @api.exception_handler(StaleVersion)
    def stale(request, exc):
        return respond(request, 409, exc.message,
                       [{"field": key, "message": str(value)} for key, value in exc.changes.items()])

    @api.exception_handler(NotAllowed)
    def not_allowed(request, exc):
        return respond(request, 403, exc.message)

    @api.exception_handler(DomainError)
    def refused(request, exc):
        errors = [{"field": exc.field, "message": exc.message}] if exc.field else []
        return respond(request, 400, exc.message, errors)

    @api.exception_handler(DjangoValidation)
    def django_invalid(request, exc):
        if hasattr(exc, "message_dict"):
            errors = [{"field": f, "message": str(m)} for f, ms in exc.message_dict.items() for m in ms]
        else:
            errors = [{"field": "__all__", "message": str(m)} for m in exc.messages]
        return respond(request, 400, errors[0]["message"] if errors else _("Dữ liệu không hợp lệ."),
                       errors)

    @api.exception_handler(BadRequest)
    def bad_request(request, exc):
        return respond(request, 400, getattr(exc, "message", "") or str(exc)
                       or _("Yêu cầu không hợp lệ."))

    @api.exception_handler(Exception)
    def crashed(request, exc):
        log.exception("API %s %s", request.method, request.path)
        return respond(request, 500, _("Lỗi máy chủ; lỗi đã được ghi lại. Hãy thử lại sau."))
