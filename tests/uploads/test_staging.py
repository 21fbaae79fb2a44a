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


# --- quotas: per user (oldest dropped) and in total (new refused) ---------------------------

def _disk(settings) -> int:
    return sum(p.stat().st_size for p in settings.IMPORT_STAGING_DIR.glob("*.bin"))


def test_ten_previews_of_a_9_mb_file_keep_the_disk_bounded_by_the_user_quota(settings):
    nine_mb = b"PK\x03\x04" + bytes(9 * 1024 * 1024)
    tokens = [_stage(data=nine_mb) for _ in range(10)]
    assert _disk(settings) <= staging.USER_BYTES  # 3 files of 9 MB, not 90 MB
    kept = [t for t in tokens
            if staging.load(t, user_id=1, purpose="registry.import", object_id=7)]
    assert kept == tokens[-3:]  # the newest previews stay, the older ones were dropped


def test_a_user_quota_is_the_users_own(settings):
    settings.UPLOAD_STAGING_USER_BYTES = 100
    other = _stage(user_id=2, data=b"x" * 90)
    for _ in range(3):
        _stage(user_id=1, data=b"y" * 90)
    assert staging.load(other, user_id=2, purpose="registry.import", object_id=7) is not None


def test_a_file_over_the_user_quota_is_refused_in_vietnamese(settings):
    settings.UPLOAD_STAGING_USER_BYTES = 1024 * 1024
    with pytest.raises(staging.StagingFull) as refusal:
        _stage(data=bytes(1024 * 1024 + 1))
    assert refusal.value.message.startswith("Tệp quá lớn để giữ lại chờ xác nhận (tối đa 1 MB")


def test_when_the_area_is_full_a_new_file_is_refused_and_nobody_elses_is_dropped(settings):
    settings.UPLOAD_STAGING_TOTAL_BYTES = 250
    first = _stage(user_id=1, data=b"a" * 100)
    second = _stage(user_id=2, data=b"b" * 100)
    with pytest.raises(staging.StagingFull) as refusal:
        _stage(user_id=3, data=b"c" * 100)
    assert refusal.value.message.startswith("Khu lưu tạm tệp tải lên đang đầy.")
    assert staging.load(first, user_id=1, purpose="registry.import", object_id=7)
    assert staging.load(second, user_id=2, purpose="registry.import", object_id=7)
    assert _disk(settings) == 200


def test_the_expiry_is_a_setting(monkeypatch, settings):
    settings.UPLOAD_STAGING_TTL_SECONDS = 60
    token = _stage()
    later = time.time() + 61
    monkeypatch.setattr(staging.time, "time", lambda: later)
    assert staging.load(token, user_id=1, purpose="registry.import", object_id=7) is None
