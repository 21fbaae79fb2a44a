"""The cost of one login's password check: Django's check_password with the configured Argon2
hasher, against a bare argon2-cffi verify with the same parameters (the floor), and a note
with what PBKDF2 at Django's default iterations would cost instead."""

import time

from django.contrib.auth.hashers import PBKDF2PasswordHasher, check_password
from django.test import override_settings

from accounts.hashers import DienhinhArgon2PasswordHasher
from benchmarks.scenarios import Scenario

PASSWORD = "mat-khau-thu-nghiem-2026"
HASHER_PATH = "accounts.hashers.DienhinhArgon2PasswordHasher"


def login_scenario():
    from argon2 import PasswordHasher

    hasher = DienhinhArgon2PasswordHasher()
    encoded = hasher.encode(PASSWORD, hasher.salt())
    bare = PasswordHasher(time_cost=hasher.time_cost, memory_cost=hasher.memory_cost,
                          parallelism=hasher.parallelism)
    bare_hash = encoded.removeprefix("argon2")

    production = override_settings(PASSWORD_HASHERS=[HASHER_PATH])  # whatever the caller set

    def run() -> None:
        with production:
            if not check_password(PASSWORD, encoded, preferred=hasher):
                raise RuntimeError("the password did not verify")

    def floor() -> None:
        bare.verify(bare_hash, PASSWORD)

    pbkdf2 = PBKDF2PasswordHasher()
    old = pbkdf2.encode(PASSWORD, pbkdf2.salt())
    started = time.perf_counter()
    pbkdf2.verify(PASSWORD, old)
    pbkdf2_ms = (time.perf_counter() - started) * 1000
    note = (f"login: Argon2id m={hasher.memory_cost // 1024} MiB t={hasher.time_cost} "
            f"p={hasher.parallelism}; PBKDF2 at {pbkdf2.iterations:,} iterations took {pbkdf2_ms:.0f} ms")
    return Scenario("login: check_password", run, floor, "bare argon2 verify", runs=10, notes=[note])
