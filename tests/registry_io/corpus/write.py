"""Write the corpus to a directory, to open the files in Word, Excel or LibreOffice:
``python -m tests.registry_io.corpus.write /tmp/corpus``."""

import sys
from pathlib import Path

from tests.registry_io.corpus import docx_forms, xlsx_forms


def write(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (build, *_rest) in {**docx_forms.SHAPES, **xlsx_forms.SHAPES}.items():
        path = directory / name
        path.write_bytes(build())
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write(Path(sys.argv[1] if len(sys.argv) > 1 else "corpus")):
        print(path)
