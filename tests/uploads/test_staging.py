"""One staging area for every upload: a token for one user, one purpose, one object, one hour."""

import time

import pytest

from uploads import staging

DATA = b"PK\x03\x04 a staged file"


def _stage(user_id=1, purpose="registry.import", object_id=7, version=3, data=DATA):
    return staging.stage(name="bieu.xlsx", data=data, user_id=user_id, purpose=purpose,
                         object_id=object_id, version=version)


def test_the_same_user_for_the_same_target_gets_the_file_back():
    token = _stage()
    staged = staging.load(token, user_id=1, purpose="registry.import", object_id=7)
    assert (staged.token, staged.name, staged.data, staged.version) == (
        token, "bieu.xlsx", DATA, 3)


@pytest.mark.parametrize("who", [
    {"user_id": 2, "purpose": "registry.import", "object_id": 7},
    {"user_id": 1, "purpose": "evaluation.rating_import", "object_id": 7},
    {"user_id": 1, "purpose": "registry.import", "object_id": 8},
])
def test_another_user_purpose_or_object_is_refused(who):
    token = _stage()
    assert staging.load(token, **who) is None
    assert staging.load(token, user_id=1, purpose="registry.import", object_id=7) is not None


@pytest.mark.parametrize("token", ["", "../../etc/passwd", "x" * 20, "a" * 43 + "/"])
def test_malformed_or_unknown_tokens_are_refused(token):
    _stage()
    assert staging.load(token, user_id=1, purpose="registry.import", object_id=7) is None
    staging.discard(token)  # never touches a path outside the staging area


def test_an_expired_file_is_refused_and_swept(monkeypatch, settings):
    token = _stage()
    later = time.time() + staging.TTL_SECONDS + 1
    monkeypatch.setattr(staging.time, "time", lambda: later)
    assert staging.load(token, user_id=1, purpose="registry.import", object_id=7) is None
    blob = settings.IMPORT_STAGING_DIR / f"{token}.bin"
    import os

    os.utime(blob.with_suffix(".json"), (later - 2 * staging.TTL_SECONDS,) * 2)
    _stage(user_id=2)
    assert not blob.exists() and not blob.with_suffix(".json").exists()


def test_changed_bytes_on_disk_are_refused(settings):
    token = _stage()
    (settings.IMPORT_STAGING_DIR / f"{token}.bin").write_bytes(DATA + b"!")
    assert staging.load(token, user_id=1, purpose="registry.import", object_id=7) is None


def test_discard_removes_both_files(settings):
    token = _stage()
    staging.discard(token)
    assert list(settings.IMPORT_STAGING_DIR.iterdir()) == []
    assert staging.load(token, user_id=1, purpose="registry.import", object_id=7) is None


def test_files_are_private_to_the_server_process(settings):
    token = _stage()
    for suffix in (".bin", ".json"):
        assert (settings.IMPORT_STAGING_DIR / f"{token}{suffix}").stat().st_mode & 0o077 == 0


def test_one_user_holds_at_most_a_few_files_the_oldest_goes_first(monkeypatch):
    clock = [1_000_000.0]
    monkeypatch.setattr(staging.time, "time", lambda: clock[0])
    tokens = []
    for step in range(staging.MAX_PER_USER + 2):
        clock[0] += 1
        tokens.append(_stage(object_id=step))
    other = _stage(user_id=2)
    alive = [t for step, t in enumerate(tokens)
             if staging.load(t, user_id=1, purpose="registry.import", object_id=step)]
    assert alive == tokens[-staging.MAX_PER_USER:]
    assert staging.load(other, user_id=2, purpose="registry.import", object_id=7) is not None
