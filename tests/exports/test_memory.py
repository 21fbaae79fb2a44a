"""The compiled list's exports run in constant memory: ten times the rows, not ten times the
peak (Python's allocations traced with ``tracemalloc``, each path warmed up first so imports
and caches do not count)."""

import gc
import tempfile
import tracemalloc

import pytest
from django.urls import reverse

from registry import dashboard
from tests.exports.helpers import many
from tests.world import world  # noqa: F401

pytestmark = pytest.mark.django_db


def _peak(run, *, warm_up: bool) -> int:
    if warm_up:
        run()  # imports, translations, query compilation, first-use caches
    gc.collect()
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _paths(client, campaign):
    filters = dashboard.CompiledFilters()

    def worker_xlsx():
        with tempfile.TemporaryFile() as out:
            dashboard.write_compiled(campaign, "xlsx", filters, out, on_row=lambda n: None)

    def web(fmt):
        def run():
            response = client.get(reverse("registry:compiled_list_export",
                                          args=[campaign.code, fmt]))
            assert response.status_code == 200 and response.streaming
            # what the server sends, chunk by chunk; the test client closes the response at the
            # end (closing it again would send request_finished, which closes the connection)
            for _chunk in response.streaming_content:
                pass
        return run

    return {"worker xlsx": worker_xlsx, "web xlsx": web("xlsx"), "web csv": web("csv"),
            "web json": web("json")}


def test_ten_times_the_rows_is_not_ten_times_the_memory(client, world, settings,  # noqa: F811
                                                        monkeypatch):
    settings.EXPORT_INLINE_ROWS = 1_000_000  # every path inline here
    # Rows are read a chunk at a time and the peak holds about two chunks: with chunks of 500,
    # both sizes read several, so the peaks compare what grows with the list (nothing).
    monkeypatch.setattr(dashboard, "CHUNK_SIZE", 500)
    client.force_login(world.users["standing"])
    many(world.campaign, 2_000)
    small = {name: _peak(run, warm_up=True) for name, run in _paths(client, world.campaign).items()}
    many(world.campaign, 18_000, unit_name="Sở Thêm Điển Hình")
    assert dashboard.CompiledFilters().count(world.campaign) == 20_000
    large = {name: _peak(run, warm_up=False)
             for name, run in _paths(client, world.campaign).items()}
    print("peak bytes, 2,000 → 20,000 rows:", {n: (small[n], large[n]) for n in small})
    for name in small:
        # Flat, up to noise: far from the 10× a list held in memory would take.
        assert large[name] < 1.5 * small[name], (name, small[name], large[name])
        assert large[name] < 20 * 1024 * 1024, (name, large[name])
