"""Read the overview's counters, the rows a counter's link shows and the rows of its export."""

import html
import re
from io import BytesIO
from urllib.parse import parse_qsl

from django.urls import reverse


def cards(page: str) -> dict[str, tuple[int, str]]:
    """Counter key → (number on the card, the query of its link)."""
    found = re.findall(r'<a href="\?([^"]*)" data-counter="([a-z_]+)"><strong[^>]*>(\d+)</strong>',
                       page)
    return {key: (int(n), html.unescape(query)) for query, key, n in found}


def overview_rows(page: str) -> list[str]:
    """The unit names of the overview's table."""
    table = page[page.index('id="overview-table"'):]
    body = table[table.index("<tbody>"):table.index("</tbody>")]
    return re.findall(r'<td[^>]*><a href="/[^"]*">([^<]+)</a><br>', body)


def xlsx_rows(content: bytes, first_row: int = 3) -> list[tuple]:
    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(content)).active
    return [row for row in sheet.iter_rows(min_row=first_row, values_only=True) if any(row)]


def check_every_counter(client, campaign) -> dict[str, int]:
    """For every card of the overview: its number = the rows its link shows = the rows of the
    Excel export of that view. Returns the numbers."""
    from registry import counters

    url = reverse("registry:overview", args=[campaign.code])
    export = reverse("registry:overview_xlsx", args=[campaign.code])
    shown = cards(client.get(url).content.decode())
    assert set(shown) == set(counters.SENT_CARDS) | set(counters.UNSENT_CARDS)
    numbers = {}
    for key, (n, query) in shown.items():
        params = dict(parse_qsl(query))
        listed = overview_rows(client.get(url, params).content.decode())
        exported = xlsx_rows(client.get(export, params).getvalue())
        assert (key, n) == (key, len(listed)) == (key, len(exported)), (key, listed, exported)
        assert sorted(listed) == sorted(r[0] for r in exported), key
        numbers[key] = n
    return numbers
