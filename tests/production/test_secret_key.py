"""Production posture of the settings: no public fallback key, `check --deploy` clean."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, env):
    clean = {k: v for k, v in os.environ.items()
             if k not in {"SECRET_KEY", "SECRET_KEY_FILE", "DEBUG", "TESTING", "DIENHINH_ALLOW_DEV_KEY",
                           "DJANGO_ALLOW_ASYNC_UNSAFE"}}  # set by the browser tests' process
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env},
                          capture_output=True, text=True, timeout=120)


def test_debug_off_without_secret_key_refuses_to_start():
    result = _manage("check", env={"DEBUG": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY chưa được đặt" in result.stderr
    assert "System check identified" not in result.stdout


def test_the_old_opt_out_variable_no_longer_allows_the_public_key():
    # DIENHINH_ALLOW_DEV_KEY used to default to on: setting it to 1 must not bring the key back.
    result = _manage("check", env={"DEBUG": "0", "DIENHINH_ALLOW_DEV_KEY": "1"})
    assert result.returncode != 0
    assert "SECRET_KEY chưa được đặt" in result.stderr


def test_a_key_file_is_read(tmp_path):
    key = tmp_path / "secret_key"
    key.write_text(secrets.token_urlsafe(50) + "\n")
    result = _manage("check", env={"DEBUG": "0", "SECRET_KEY_FILE": str(key), "VAR_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_deploy_check_passes_with_the_documented_production_settings(tmp_path):
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env={
        "DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "dienhinh.laichau.gov.vn",
        "EMAIL_URL": "smtp://relay.laichau.gov.vn:25", "TRUSTED_PROXY_COUNT": "1", "VAR_DIR": str(tmp_path),
    })
    assert result.returncode == 0, result.stdout + result.stderr
