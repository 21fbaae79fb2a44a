"""A media kit's letter of introduction as a Word file, in the Nghị định 30/2020 layout
(``propagation.document``): portrait A4, Times New Roman 13–14 pt, the header in a borderless
two-column table, then the body, one section per exemplar (story, achievements, photos,
contact), "Nơi nhận" and the signature. The layout helpers are the Biểu đăng ký's
(``registry.io.export_docx``). python-docx is imported lazily."""

import io

from propagation.document import KitDocument, build
from propagation.models import MediaKit
from registry.io import export_docx as word

PAGE_CM = (21.0, 29.7)
MARGINS_CM = {"top": 2.0, "bottom": 2.0, "left": 3.0, "right": 2.0}
CONTENT_CM = PAGE_CM[0] - MARGINS_CM["left"] - MARGINS_CM["right"]
SHORT_RULE = "――――――"
PHOTO_CM = 8.0


def _header(document, doc: KitDocument) -> None:
    left, right = word.two_columns(document, 7.0, CONTENT_CM - 7.0)
    word.line(left, doc.superior_body, size=12, first=True)
    word.line(left, doc.issuing_body, size=13, bold=True)
    word.line(left, SHORT_RULE, size=11)
    word.line(left, doc.number_line, size=13, space_before=4)
    word.line(left, doc.subject, size=12, space_before=2)
    word.line(right, doc.nation, size=12, bold=True, first=True)
    word.line(right, doc.motto, size=13, bold=True, underline=True)
    word.line(right, doc.place_date, size=13, italic=True, space_before=10)


def _para(document, text: str, *, bold: bool = False, italic: bool = False, indent=True):
    from docx.shared import Cm

    paragraph = word.line(document, text, size=14, bold=bold, italic=italic, align="justify",
                          space_before=6)
    if indent:
        paragraph.paragraph_format.first_line_indent = Cm(1.0)
    return paragraph


def _photos(document, section) -> None:
    from docx.shared import Cm

    for photo in section.photos:
        try:
            document.add_picture(photo.path, width=Cm(PHOTO_CM))
        except (OSError, ValueError):  # a file gone from the storage: its name only
            pass
        word.line(document, f"Ảnh: {photo.name}", size=12, italic=True)


def _footer(document, doc: KitDocument) -> None:
    word.line(document, "", space_before=6)
    left, right = word.two_columns(document, 8.0, CONTENT_CM - 8.0)
    word.line(left, "Nơi nhận:", size=12, bold=True, italic=True, align="left", first=True)
    for text in doc.recipients:
        word.line(left, text, size=11, align="left")
    for i, text in enumerate(doc.signature_lines or [""]):
        word.line(right, text, size=13, bold=True, first=i == 0)
    for _ in range(4):
        word.line(right, "")
    word.line(right, doc.signer_name, size=14, bold=True)


def render_kit_docx(kit: MediaKit) -> bytes:
    from docx import Document

    doc = build(kit)
    document = Document()
    word.page_setup(document, PAGE_CM, MARGINS_CM)
    word.styles(document)
    _header(document, doc)
    word.line(document, doc.recipient, size=14, space_before=18)
    _para(document, doc.body)
    for section in doc.sections:
        _para(document, section.heading, bold=True, indent=False)
        _para(document, f"Đơn vị: {section.unit_name}", italic=True, indent=False)
        _para(document, "a) Cách làm, giải pháp thực hiện:", bold=True, indent=False)
        for text in section.story.split("\n"):
            _para(document, text)
        _para(document, "b) Thành tích:", bold=True, indent=False)
        for text in section.achievements or ["Chưa có khen thưởng được ghi trong hồ sơ."]:
            _para(document, f"- {text}")
        if section.verdict:
            _para(document, f"- {section.verdict}")
        if section.photos:
            _para(document, "c) Hình ảnh:", bold=True, indent=False)
            _photos(document, section)
        _para(document, "d) Liên hệ:" if section.photos else "c) Liên hệ:", bold=True,
              indent=False)
        for text in section.contact:
            _para(document, text)
    _para(document, doc.closing)
    _footer(document, doc)
    props = document.core_properties
    props.title = f"Công văn {doc.number_line.removeprefix('Số: ')} — {doc.subject}"
    props.author = doc.issuing_body
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
