"""verify(): real PDFs signed with pyHanko by a self-made CA, checked offline."""

import datetime

import pytest
from django.utils import timezone

from registry.io.verify_pdf import SignatureCheckError, verify
from registry.models import SignatureStatus
from tests.registry_signed import pdfs


def test_signed_by_configured_root_is_valid_and_trusted(identity, signed_pdf):
    result = verify(signed_pdf, trust_roots=[identity.root_pem])
    assert result.status == SignatureStatus.VALID_TRUSTED
    assert result.signer_name == "Nguyễn Văn Thành"
    assert result.intact is True
    assert result.trusted is True
    assert timezone.is_aware(result.signed_at)
    assert abs(timezone.now() - result.signed_at) < datetime.timedelta(hours=1)
    [signature] = result.details["signatures"]
    assert signature["issuer"] == pdfs.CA_NAME
    assert signature["coverage"] == "entire_file"
    assert "Tài liệu không bị thay đổi sau khi ký." in signature["messages"]


def test_unknown_root_is_untrusted_not_an_error(signed_pdf):
    result = verify(signed_pdf, trust_roots=[])
    assert result.status == SignatureStatus.VALID_UNTRUSTED
    assert (result.intact, result.trusted) == (True, False)
    assert result.signer_name == "Nguyễn Văn Thành"
    messages = result.details["signatures"][0]["messages"]
    assert "Chứng thư không chuỗi được đến gốc tin cậy nào đã cấu hình." in messages


def test_another_ca_with_the_same_name_is_not_trusted(signed_pdf):
    impostor = pdfs.make_identity()  # same CA name, different key
    result = verify(signed_pdf, trust_roots=[impostor.root_pem])
    assert result.status == SignatureStatus.VALID_UNTRUSTED


def test_page_changed_in_a_later_update_is_modified(identity, signed_pdf):
    changed = pdfs.change_page_after_signing(signed_pdf)
    result = verify(changed, trust_roots=[identity.root_pem])
    assert result.status == SignatureStatus.MODIFIED
    assert result.intact is False
    assert result.signer_name == "Nguyễn Văn Thành"
    assert result.details["signatures"][0]["coverage"] == "entire_revision"


def test_signed_bytes_tampered_is_invalid(identity, signed_pdf):
    result = verify(pdfs.tamper_signed_bytes(signed_pdf), trust_roots=[identity.root_pem])
    assert result.status == SignatureStatus.INVALID
    assert (result.intact, result.trusted) == (False, False)
    messages = result.details["signatures"][0]["messages"]
    assert "Giá trị băm không khớp: nội dung đã ký bị thay đổi." in messages
    assert "Tài liệu không bị thay đổi sau khi ký." not in messages


def test_broken_signature_container_is_invalid_not_an_error(identity, signed_pdf):
    broken = pdfs.corrupt_signature_container(signed_pdf)
    result = verify(broken, trust_roots=[identity.root_pem])
    assert result.status == SignatureStatus.INVALID
    assert (result.intact, result.trusted) == (False, False)
    [signature] = result.details["signatures"]
    assert signature["field"] == "ChuKyLanhDao"
    assert "Không đọc được chữ ký số này (dữ liệu chữ ký bị hỏng)." in signature["messages"]


def test_second_signature_keeps_the_first_intact_and_lists_both(identity, signed_pdf):
    office = pdfs.make_identity("Sở Y tế tỉnh Lai Châu", ca_name="CA Cơ quan Thử nghiệm")
    both = pdfs.sign(signed_pdf, office, field_name="ChuKyCoQuan")
    result = verify(both, trust_roots=[identity.root_pem, office.root_pem])
    assert result.status == SignatureStatus.VALID_TRUSTED
    assert result.signer_name == "Nguyễn Văn Thành"  # the person signs first
    signers = [s["signer"] for s in result.details["signatures"]]
    assert signers == ["Nguyễn Văn Thành", "Sở Y tế tỉnh Lai Châu"]
    assert result.details["signatures"][0]["later_updates"] == "form_filling"
    # Only the first signer's root configured: the whole file is not fully trusted.
    partial = verify(both, trust_roots=[identity.root_pem])
    assert partial.status == SignatureStatus.VALID_UNTRUSTED


def test_pem_bundle_with_several_certificates_is_read(identity, signed_pdf):
    other = pdfs.make_identity(ca_name="CA Khác")
    bundle = other.root_pem + identity.root_pem
    assert verify(signed_pdf, trust_roots=[bundle]).status == SignatureStatus.VALID_TRUSTED


def test_unreadable_trust_root_is_skipped(identity, signed_pdf):
    result = verify(signed_pdf, trust_roots=[b"not a certificate", identity.root_pem])
    assert result.status == SignatureStatus.VALID_TRUSTED


def test_pdf_without_signature_is_a_scan(plain_pdf):
    result = verify(plain_pdf, trust_roots=[])
    assert result.status == SignatureStatus.SCAN
    assert (result.signer_name, result.signed_at, result.intact) == ("", None, None)
    assert result.details["signatures"] == []


@pytest.mark.parametrize(("data", "message"), [
    (b"", "Tệp rỗng."),
    (b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "Tệp không phải PDF"),
    (b"PK\x03\x04 a docx in disguise", "Tệp không phải PDF"),
    (b"%PDF-1.7\nnot really a pdf at all\n%%EOF", "Tệp PDF bị hỏng hoặc không đọc được."),
])
def test_unusable_file_raises_a_vietnamese_error(data, message):
    with pytest.raises(SignatureCheckError) as caught:
        verify(data, trust_roots=[])
    assert message in caught.value.message


def test_truncated_signed_pdf_is_malformed(signed_pdf):
    with pytest.raises(SignatureCheckError, match="bị hỏng"):
        verify(signed_pdf[: len(signed_pdf) // 2], trust_roots=[])


def test_encrypted_pdf_is_refused():
    with pytest.raises(SignatureCheckError, match="mã hóa"):
        verify(pdfs.encrypted_pdf(), trust_roots=[])


def test_oversized_file_is_refused(signed_pdf):
    with pytest.raises(SignatureCheckError, match="Tệp quá lớn: tối đa 1 MB"):
        verify(signed_pdf + b"\0" * 2**20, trust_roots=[], max_bytes=2**20)
