"""Dataset sizes: the national target, one province (the default) and small ones for tests."""

import os
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class DatasetSize:
    provinces: int
    units: int
    exemplars: int
    years: int = 5
    seed: int = 2533

    def as_manifest(self) -> dict[str, int]:
        return asdict(self)

    def describe(self) -> str:
        return (f"{self.provinces} tỉnh, {self.units:,} đơn vị, {self.exemplars:,} điển hình, "
                f"{self.years} năm minh chứng (seed {self.seed})")


NATIONAL = DatasetSize(provinces=34, units=100_000, exemplars=1_000_000)
# A tenth of the country: what fits a bench run of a few minutes on PostgreSQL.
TENTH = DatasetSize(provinces=4, units=10_000, exemplars=100_000)
PROVINCE = DatasetSize(provinces=1, units=1_000, exemplars=20_000)
# The second size of the query-count comparison, and `bench --quick`.
TINY = DatasetSize(provinces=1, units=60, exemplars=400)

SCALES = {"national": NATIONAL, "tenth": TENTH, "province": PROVINCE, "tiny": TINY}


def scale_from_env(default: str = "province") -> tuple[str, DatasetSize]:
    name = os.environ.get("BENCH_SCALE", default).strip().lower() or default
    if name not in SCALES:
        raise ValueError(f"BENCH_SCALE must be one of {', '.join(SCALES)}, not {name!r}")
    return name, SCALES[name]
