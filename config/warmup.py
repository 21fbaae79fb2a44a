"""Loading, once in gunicorn's master before it forks its workers (``preload_app``), what each
worker's first request would otherwise load: every view module (the URLconf imports them, and
with them Matplotlib, WeasyPrint, python-docx, openpyxl…), the translation catalogs and the
project's templates. The workers start with all of it, shared copy-on-write; measured in
docs/benchmarks.md ("Load test"): a fresh worker's first request took seconds of CPU.
"""

import gc
import logging
from pathlib import Path

logger = logging.getLogger("dienhinh.warmup")


def _project_templates(base_dir: Path) -> list[str]:
    roots = [base_dir / "templates",
             *(p for p in base_dir.glob("*/templates") if (p.parent / "apps.py").exists())]
    return sorted({str(f.relative_to(root)) for root in roots for f in root.rglob("*.html")})


def warm_up() -> None:
    from django.conf import settings
    from django.db import connections
    from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
    from django.urls import get_resolver
    from django.utils import translation

    get_resolver().url_patterns  # noqa: B018 — imports every view module
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Điển hình tiên tiến")  # loads the catalogs
    engine = engines["django"]
    loaded = 0
    for name in _project_templates(Path(settings.BASE_DIR)):
        try:
            engine.get_template(name)
            loaded += 1
        except (TemplateDoesNotExist, TemplateSyntaxError):
            logger.warning("template %s not preloaded", name, exc_info=True)
    # Nothing opened here may be shared by the forked workers.
    connections.close_all()
    # Objects loaded so far stay out of the collector's way: the workers' collections do not
    # touch (and so copy) the pages they share with the master.
    gc.collect()
    gc.freeze()
    logger.info("preloaded the URLconf and %s templates", loaded)
