"""The password hasher, with its cost set on purpose.

Argon2id is memory-hard, so a stolen hash table is expensive to attack on GPUs while one login
stays cheap for the server. The parameters are OWASP's minimum configuration m=19 MiB, t=2, p=1
(OWASP lists it as equivalent to m=46 MiB, t=1, p=1). Both were measured on the project's
2-core machines (docs/benchmarks.md, "Load test"): 19 MiB × 2 passes took ≈ 43 ms of CPU per
check, 46 MiB × 1 pass ≈ 110 ms — the larger block's fresh pages (page faults, cache misses)
cost more than the second pass — and each sign-in held 27 MiB less memory in its worker. PBKDF2
with Django's default iterations costs 0.4–2.5 s. `make bench` measures the check (scenario
"login: check_password"). Changing any number here re-hashes each user's password at their
next login (Django upgrades hashes whose parameters differ).
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class DienhinhArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19456  # KiB (19 MiB)
    parallelism = 1
