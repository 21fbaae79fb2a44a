"""The criteria engine is plain Python: importing every module of ``evaluation/engine/`` (and
the pack contract it reads) loads no Django at all."""

import os
import subprocess
import sys
from pathlib import Path

import evaluation.engine

ENGINE_DIR = Path(evaluation.engine.__file__).parent
ROOT = ENGINE_DIR.parent.parent
MODULES = sorted(f"evaluation.engine.{p.stem}" for p in ENGINE_DIR.glob("*.py")
                 if p.stem != "__init__")

PROBE = """
import importlib, json, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
print(json.dumps(sorted(m for m in sys.modules if m == "django" or m.startswith("django."))))
"""


def test_the_engine_package_has_its_modules():
    assert {"evaluation.engine.case", "evaluation.engine.evaluator", "evaluation.engine.measures",
            "evaluation.engine.text"} <= set(MODULES)


def test_importing_the_engine_loads_no_django():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    names = ["evaluation.engine", *MODULES]
    done = subprocess.run([sys.executable, "-c", PROBE, *names], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_the_probe_would_see_django():
    """The probe itself can fail: importing a Django module is reported."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    done = subprocess.run([sys.executable, "-c", PROBE, "django.utils.text"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "django.utils.text" in done.stdout
