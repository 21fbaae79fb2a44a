"""Real PDFs and certificates for the signature tests: a self-made root CA, a signer with a
Vietnamese name, a one-page PDF, and the ways a signed file gets changed afterwards."""

import datetime
import io
from dataclasses import dataclass

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.writer import PdfFileWriter
from pyhanko.sign import signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

SIGNER_NAME = "Nguyễn Văn Thành"
CA_NAME = "Cơ quan chứng thực Thử nghiệm"
DER = serialization.Encoding.DER


@dataclass(frozen=True)
class Identity:
    """A signing certificate, its key and the root that issued it."""

    certificate: x509.Certificate
    key: ec.EllipticCurvePrivateKey
    root: x509.Certificate

    @property
    def root_pem(self) -> bytes:
        return self.root.public_bytes(serialization.Encoding.PEM)


def _name(common_name: str) -> x509.Name:
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.STATE_OR_PROVINCE_NAME, "Lai Châu"),
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
    ])


def _usage(*, signs_documents: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=signs_documents, content_commitment=signs_documents,
        key_encipherment=False, data_encipherment=False, key_agreement=False,
        key_cert_sign=not signs_documents, crl_sign=not signs_documents,
        encipher_only=False, decipher_only=False,
    )


def make_identity(signer_name: str = SIGNER_NAME, ca_name: str = CA_NAME) -> Identity:
    now = datetime.datetime.now(datetime.UTC)
    valid = {"not_valid_before": now - datetime.timedelta(days=1),
             "not_valid_after": now + datetime.timedelta(days=365)}
    root_key = ec.generate_private_key(ec.SECP256R1())
    root = (
        x509.CertificateBuilder(**valid).subject_name(_name(ca_name)).issuer_name(_name(ca_name))
        .public_key(root_key.public_key()).serial_number(x509.random_serial_number())
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(_usage(signs_documents=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()),
                       critical=False)
        .sign(root_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    certificate = (
        x509.CertificateBuilder(**valid).subject_name(_name(signer_name)).issuer_name(root.subject)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_usage(signs_documents=True), critical=True)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()),
                       critical=False)
        .sign(root_key, hashes.SHA256())
    )
    return Identity(certificate=certificate, key=key, root=root)


def blank_pdf(text: bytes = b"Bieu dang ky") -> bytes:
    """A one-page PDF with a line of text, written with pyHanko's own writer."""
    writer = PdfFileWriter()
    font = generic.DictionaryObject({
        pdf_name("/Type"): pdf_name("/Font"), pdf_name("/Subtype"): pdf_name("/Type1"),
        pdf_name("/BaseFont"): pdf_name("/Helvetica"),
    })
    content = writer.add_object(
        generic.StreamObject(stream_data=b"BT /F1 18 Tf 72 720 Td (" + text + b") Tj ET")
    )
    writer.insert_page(generic.DictionaryObject({
        pdf_name("/Type"): pdf_name("/Page"),
        pdf_name("/MediaBox"): generic.ArrayObject(map(generic.NumberObject, (0, 0, 595, 842))),
        pdf_name("/Contents"): content,
        pdf_name("/Resources"): generic.DictionaryObject(
            {pdf_name("/Font"): generic.DictionaryObject({pdf_name("/F1"): font})}
        ),
    }))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def sign(data: bytes, identity: Identity, *, field_name: str = "ChuKyLanhDao") -> bytes:
    """Append a PAdES signature by ``identity`` as an incremental update."""
    def asn1(certificate: x509.Certificate) -> asn1_x509.Certificate:
        return asn1_x509.Certificate.load(certificate.public_bytes(DER))

    key = asn1_keys.PrivateKeyInfo.load(identity.key.private_bytes(
        DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ))
    signer = signers.SimpleSigner(
        signing_cert=asn1(identity.certificate), signing_key=key,
        cert_registry=SimpleCertificateStore.from_certs([asn1(identity.root)]),
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    metadata = signers.PdfSignatureMetadata(field_name=field_name)
    return signers.sign_pdf(writer, metadata, signer=signer).getvalue()


def change_page_after_signing(signed: bytes) -> bytes:
    """An incremental update that replaces the page's text after it was signed."""
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    page_ref = writer.root["/Pages"]["/Kids"].raw_get(0)
    page = page_ref.get_object()
    page[pdf_name("/Contents")] = writer.add_object(
        generic.StreamObject(stream_data=b"BT /F1 18 Tf 72 720 Td (Da sua sau khi ky) Tj ET")
    )
    writer.mark_update(page_ref)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def tamper_signed_bytes(signed: bytes, old: bytes = b"Bieu dang ky",
                        new: bytes = b"Bieu dang kX") -> bytes:
    """Change a byte inside the signed range, as a careless or dishonest edit would."""
    assert old in signed
    return signed.replace(old, new, 1)


def corrupt_signature_container(signed: bytes) -> bytes:
    """Overwrite the start of the hex-encoded CMS in /Contents, so it no longer parses."""
    start = signed.index(b"/Contents <") + len(b"/Contents <")
    return signed[:start] + b"ffffffff" + signed[start + 8:]


def encrypted_pdf() -> bytes:
    writer = PdfFileWriter()
    writer.insert_page(generic.DictionaryObject({
        pdf_name("/Type"): pdf_name("/Page"),
        pdf_name("/MediaBox"): generic.ArrayObject(map(generic.NumberObject, (0, 0, 595, 842))),
    }))
    writer.encrypt("mat-khau-chu", "mat-khau-doc")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def stored_signed_form(registration, data: bytes | None = None):
    """A SignedForm row with its file in storage, without running the verification."""
    import hashlib

    from django.core.files.base import ContentFile

    from registry.models import SignatureStatus, SignedForm

    data = data or blank_pdf()
    signed_form = SignedForm(registration=registration, original_name="bieu-da-ky.pdf",
                             sha256=hashlib.sha256(data).hexdigest(),
                             status=SignatureStatus.SCAN, details={"signatures": []})
    signed_form.file.save("bieu-da-ky.pdf", ContentFile(data), save=True)
    return signed_form
