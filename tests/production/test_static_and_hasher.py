"""Static files through WhiteNoise (compressed, hashed names, long max-age); the password
hasher is Argon2 with its cost set on purpose."""

import pytest
from django.contrib.auth.hashers import check_password, get_hasher, identify_hasher, make_password
from django.core.management import call_command
from django.test import Client, override_settings


@pytest.mark.django_db
def test_collected_static_is_compressed_hashed_and_cached_long(tmp_path, settings):
    root = tmp_path / "static"
    with override_settings(
        STATIC_ROOT=root, WHITENOISE_USE_FINDERS=False, WHITENOISE_AUTOREFRESH=False,
        STORAGES={**settings.STORAGES, "staticfiles": {
            "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}},
    ):
        call_command("collectstatic", "--noinput", verbosity=0)
        from django.contrib.staticfiles.storage import staticfiles_storage

        hashed = staticfiles_storage.stored_name("vendor/htmx.min.js")
        assert hashed != "vendor/htmx.min.js" and (root / (hashed + ".gz")).exists()
        response = Client().get(f"/static/{hashed}", HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200
        assert response["Content-Encoding"] == "gzip"
        assert int(response["Content-Length"]) < 25_000  # 52.6 KB uncompressed
        assert "immutable" in response["Cache-Control"] and "max-age=315360000" in response["Cache-Control"]


def test_production_hashes_passwords_with_argon2():
    from config import settings as production  # the tests' fixture swaps in a cheap hasher

    assert production.PASSWORD_HASHERS[0] == "accounts.hashers.DienhinhArgon2PasswordHasher"


@override_settings(PASSWORD_HASHERS=["accounts.hashers.DienhinhArgon2PasswordHasher",
                                     "django.contrib.auth.hashers.PBKDF2PasswordHasher"])
def test_argon2_cost_is_the_chosen_one_and_old_hashes_upgrade():
    encoded = make_password("mat-khau-thu-nghiem-2026")
    assert encoded.startswith("argon2$argon2id$")
    assert "m=19456,t=2,p=1" in encoded  # OWASP's minimum (m=19 MiB, t=2, p=1), not below
    assert check_password("mat-khau-thu-nghiem-2026", encoded)
    assert not check_password("sai", encoded)
    old = get_hasher("pbkdf2_sha256").encode("mat-khau-thu-nghiem-2026", "saltsaltsalt")
    upgraded = []
    assert check_password("mat-khau-thu-nghiem-2026", old, setter=upgraded.append)
    assert upgraded == ["mat-khau-thu-nghiem-2026"]  # re-hashed with Argon2 at this login
    assert identify_hasher(encoded).algorithm == "argon2"
    # A hash made with the earlier parameters (46 MiB, one pass) is re-made at the next login.
    from argon2 import PasswordHasher

    earlier = "argon2" + PasswordHasher(time_cost=1, memory_cost=47104, parallelism=1).hash(
        "mat-khau-thu-nghiem-2026")
    rehashed = []
    assert check_password("mat-khau-thu-nghiem-2026", earlier, setter=rehashed.append)
    assert rehashed == ["mat-khau-thu-nghiem-2026"]
