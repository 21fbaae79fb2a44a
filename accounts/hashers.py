"""The password hasher, with its cost set on purpose.

Argon2id is memory-hard, so a stolen hash table is expensive to attack on GPUs while one login
stays cheap for the server. The parameters are OWASP's first recommendation (46 MiB, one pass,
one lane): about 40–80 ms of one core per login on the reference machine, against 0.5–0.9 s for
PBKDF2 with Django's default iterations. `make bench` measures it (scenario "login_cost") and
docs/benchmarks.md records the figure. Raising any number here re-hashes each user's password
at their next login (Django upgrades hashes whose parameters differ).
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class DienhinhArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 1
    memory_cost = 47104  # KiB (46 MiB)
    parallelism = 1
