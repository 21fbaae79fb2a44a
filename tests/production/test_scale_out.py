"""Scale-out (docs/operations.md, "Scale out"): two task workers against one PostgreSQL never
run a task twice; the replica router sends only marked reads to the replica; the cache and the
private files can be shared between machines (Redis, S3-compatible storage) by settings."""

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection, transaction

ROOT = Path(__file__).resolve().parents[2]
TASKS = 60


def _database_url() -> str:
    db = connection.settings_dict
    host = db.get("HOST") or "127.0.0.1"
    return f"postgres://{db.get('USER') or 'postgres'}@{host}:{db.get('PORT') or 5432}/{db['NAME']}"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the claim under test is PostgreSQL's "
                    "SELECT … FOR UPDATE SKIP LOCKED; SQLite has one writer and an in-memory test DB")
@pytest.mark.django_db(transaction=True)
def test_two_workers_share_the_queue_and_never_run_a_task_twice(settings, tmp_path):
    from django_tasks_db.models import DBTaskResult

    from tests.production.scale_tasks import leave_mark

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    for number in range(TASKS):
        leave_mark.enqueue(number=number, folder=str(tmp_path))
    assert DBTaskResult.objects.count() == TASKS
    env = {**os.environ, "DATABASE_URL": _database_url(), "TESTING": "1", "DEBUG": "0",
           "TASKS_BACKEND": "django_tasks_db.DatabaseBackend"}
    command = [sys.executable, "manage.py", "task_worker", "--batch", "--interval", "0.05"]
    workers = [subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True) for _ in range(2)]
    errors = [w.communicate(timeout=120)[1] for w in workers]
    assert [w.returncode for w in workers] == [0, 0], errors

    runs = Counter(int(name.split("-")[0]) for name in os.listdir(tmp_path))
    assert sorted(runs) == list(range(TASKS))           # every task ran …
    assert set(runs.values()) == {1}                    # … exactly once
    ours = DBTaskResult.objects.filter(task_path__endswith="leave_mark")
    assert ours.filter(status="SUCCESSFUL").count() == TASKS
    # The periodic job (urging.scheduler.worker_tick) was queued once, not once per worker.
    assert DBTaskResult.objects.exclude(task_path__endswith="leave_mark").count() == 1
    by_process = Counter(name.split("-")[1] for name in os.listdir(tmp_path))
    assert len(by_process) == 2, by_process             # and both workers took a share


# --- the replica router ------------------------------------------------------------------------

@pytest.fixture
def with_replica(monkeypatch):
    from django.db import connections

    monkeypatch.setitem(connections.databases, "replica", dict(connections.databases["default"]))
    yield


def test_reads_go_to_the_replica_only_when_asked(with_replica):
    from core.db import ReplicaRouter, from_replica
    from registry.models import Exemplar

    router = ReplicaRouter()
    assert router.db_for_read(Exemplar) is None              # the default database
    with from_replica():
        assert router.db_for_read(Exemplar) == "replica"
        assert router.db_for_write(Exemplar) == "default"    # writes never move
    assert router.db_for_read(Exemplar) is None
    assert router.allow_migrate("replica", "registry") is False
    assert router.allow_migrate("default", "registry") is True


@pytest.mark.django_db
def test_inside_a_transaction_reads_stay_on_the_primary(with_replica):
    from core.db import ReplicaRouter, from_replica
    from registry.models import Exemplar

    with from_replica(), transaction.atomic():
        assert ReplicaRouter().db_for_read(Exemplar) == "default"  # read-your-writes


def test_without_a_replica_nothing_moves():
    from core.db import ReplicaRouter, from_replica
    from registry.models import Exemplar

    with from_replica():
        assert ReplicaRouter().db_for_read(Exemplar) is None


def test_the_replica_setting_adds_a_mirrored_database():
    env = {**os.environ, "TESTING": "1", "DATABASE_REPLICA_URL": "postgres://ro@10.0.0.2:5432/dienhinh"}
    code = ("import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings');"
            "from django.conf import settings; r = settings.DATABASES['replica'];"
            "print(r['HOST'], r['NAME'], r['TEST']['MIRROR'], settings.DATABASE_ROUTERS[0])")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                         text=True, check=True).stdout.split()
    assert out == ["10.0.0.2", "dienhinh", "default", "core.db.ReplicaRouter"]


# --- shared cache and shared files -------------------------------------------------------------

def test_cache_url_chooses_redis_and_refuses_unknown_schemes():
    from django.core.exceptions import ImproperlyConfigured

    from config.settings import cache_from_url

    assert cache_from_url("redis://127.0.0.1:6379/3", False)["BACKEND"].endswith("RedisCache")
    assert cache_from_url("", False)["BACKEND"].endswith("FileBasedCache")
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
        cache_from_url("memcached://x", False)


def _redis_up() -> bool:
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not os.environ.get("DIENHINH_CI") and not _redis_up(),
                    reason="Redis không chạy trên 127.0.0.1:6379 (.ci/run khởi động Redis)")
def test_two_processes_share_counts_through_redis():
    """What the API throttle and the login throttle need from a shared cache: a count one web
    process makes is seen by another. (.ci/run starts Redis and sets DIENHINH_CI, so there the
    test cannot be skipped.)"""
    import uuid

    from django.core.cache.backends.redis import RedisCache

    key = f"scale-out-test-{uuid.uuid4().hex}"
    first = RedisCache("redis://127.0.0.1:6379/15", {"KEY_PREFIX": "dienhinh"})
    first.set(key, 0, 60)
    first.incr(key)
    code = ("from django.conf import settings; settings.configure();"
            "from django.core.cache.backends.redis import RedisCache;"
            f"c = RedisCache('redis://127.0.0.1:6379/15', {{'KEY_PREFIX': 'dienhinh'}}); print(c.incr({key!r}))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "2" and first.get(key) == 2
    first.delete(key)


def test_private_storage_url_gives_private_s3_objects(settings):
    from django.core.exceptions import ImproperlyConfigured
    from storages.backends.s3 import S3Storage

    from config.settings import private_storage_from_url
    from uploads import private

    options = private_storage_from_url(
        "s3://ho-so-dienhinh/laichau?endpoint=https%3A%2F%2Fs3.laichau.gov.vn&region=vn-north")
    assert options["bucket_name"] == "ho-so-dienhinh" and options["location"] == "laichau"
    assert options["endpoint_url"] == "https://s3.laichau.gov.vn"
    assert options["default_acl"] == "private" and options["file_overwrite"] is False
    settings.PRIVATE_STORAGE_S3 = options
    storage = private.storage()
    assert isinstance(storage, S3Storage) and storage.bucket_name == "ho-so-dienhinh"
    assert private.adopt("old/proof.pdf", "evidence") == "old/proof.pdf"  # no local moves
    with pytest.raises(ImproperlyConfigured, match="PRIVATE_STORAGE_URL"):
        private_storage_from_url("ftp://x/y")


def test_private_files_dir_is_a_setting_from_the_environment(tmp_path):
    env = {**os.environ, "TESTING": "1", "PRIVATE_FILES_DIR": str(tmp_path / "shared")}
    code = ("import os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings');"
            "import django; django.setup(); from uploads.private import storage; print(storage().location)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                         text=True, check=True).stdout.strip()
    assert out == str(tmp_path / "shared")
