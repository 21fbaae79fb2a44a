"""A small HTTP/1.1 client over ``http.client`` for the bench and the load test (no dependency):
a cookie jar per user, the login form with its CSRF token, the second-factor step, and an
export that may answer with a redirect to a job page that polls until its file is ready.

Loopback only: ``Session`` refuses any host other than 127.0.0.1 / ::1 / localhost.
"""

import http.client
import re
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urljoin, urlsplit

LOOPBACK = {"127.0.0.1", "::1", "localhost"}
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# A job page's way to name its file once it is ready: ``data-download-url="…"`` on its own
# status card (templates/exports/_job_status.html). A job page also lists the user's other
# files with their links, so on a job page nothing else counts; on another page a link to a
# file does (tolerant, for a page that offers its file some other way).
DOWNLOAD_ATTRIBUTE = re.compile(r'data-download-url="([^"]+)"')
JOB_PAGE = 'class="card export-status"'
DOWNLOAD_LINK = re.compile(r'href="([^"]+(?:\.xlsx|\.csv|\.docx|/tai-ve/|/download/)[^"]*)"')


class HTTPError(RuntimeError):
    def __init__(self, method: str, path: str, status: int) -> None:
        super().__init__(f"{method} {path} answered {status}")
        self.status = status


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float

    @property
    def location(self) -> str:
        return self.headers.get("location", "")

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")

    @property
    def is_html(self) -> bool:
        return self.content_type.startswith("text/html")

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


@dataclass
class Session:
    """One user's cookies against one server. Every request opens a connection (gunicorn's
    sync workers close it after each answer anyway)."""

    host: str
    port: int
    timeout: float = 120.0
    cookies: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.host not in LOOPBACK:
            raise ValueError(f"the bench and the load test only talk to loopback, not {self.host}")

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> Response:
        sent = {"Host": f"{self.host}:{self.port}", "Accept-Encoding": "identity",
                **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        started = time.perf_counter()
        conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            conn.request(method, path, body=body, headers=sent)
            answer = conn.getresponse()
            data = answer.read()
            got = {k.lower(): v for k, v in answer.getheaders()}
            for raw in answer.headers.get_all("Set-Cookie") or []:
                jar = SimpleCookie()
                jar.load(raw)
                for name, morsel in jar.items():
                    if morsel.value and morsel["max-age"] != "0":
                        self.cookies[name] = morsel.value
                    else:
                        self.cookies.pop(name, None)
        finally:
            conn.close()
        return Response(answer.status, got, data, time.perf_counter() - started)

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post_form(self, path: str, data: dict[str, str]) -> Response:
        return self.request("POST", path, urlencode(data).encode(),
                            {"Content-Type": "application/x-www-form-urlencoded",
                             "Referer": f"http://{self.host}:{self.port}{path}"})

    def relative(self, location: str, base: str) -> str:
        parts = urlsplit(urljoin(base, location))
        return parts.path + (f"?{parts.query}" if parts.query else "")

    # --- signing in -----------------------------------------------------------------------

    def _form_post(self, path: str, fields: dict[str, str]) -> Response:
        page = self.get(path)
        if page.status != 200:
            raise HTTPError("GET", path, page.status)
        token = CSRF_INPUT.search(page.text)
        if token is None:
            raise RuntimeError(f"GET {path}: no CSRF token in the form")
        return self.post_form(path, {"csrfmiddlewaretoken": token.group(1), **fields})

    def login(self, username: str, password: str, code: str | None = None,
              login_path: str = "/tai-khoan/dang-nhap/",
              mfa_path: str = "/tai-khoan/xac-thuc-hai-lop/") -> None:
        """The login form, then the second-factor form when the server asks for it."""
        answer = self._form_post(login_path, {"username": username, "password": password})
        if answer.status != 302:
            raise RuntimeError(f"login of {username} refused (status {answer.status})")
        landing = self.get(self.relative(answer.location, login_path))
        if landing.status == 302 and urlsplit(landing.location).path == mfa_path:
            if code is None:
                raise RuntimeError(f"{username} needs a second factor and none was given")
            verified = self._form_post(mfa_path, {"code": code})
            if verified.status != 302:
                raise RuntimeError(f"second factor of {username} refused "
                                   f"(status {verified.status})")

    # --- exports that may run in the background ---------------------------------------------

    def download(self, path: str, *, limit_seconds: float = 900.0, poll_seconds: float = 0.5
                 ) -> tuple[Response, int]:
        """GET an export; when it answers with a redirect to a job page, follow the page as a
        browser would (re-reading it while it polls) until a file arrives. Returns the file's
        response and how many requests it took. Raises ``HTTPError`` on an error status."""
        deadline = time.monotonic() + limit_seconds
        current, requests = path, 0
        while True:
            answer = self.get(current)
            requests += 1
            if answer.status in (301, 302, 303, 307):
                target = self.relative(answer.location, current)
                if urlsplit(target).path.startswith("/tai-khoan/dang-nhap"):
                    raise HTTPError("GET", current, 302)
                current = target
            elif answer.status != 200:
                raise HTTPError("GET", current, answer.status)
            elif not answer.is_html or "attachment" in answer.headers.get(
                    "content-disposition", ""):
                return answer, requests
            else:  # a job page: its file's link once ready, else read it again shortly
                link = _download_link(answer.text, exclude=path)
                if link:
                    current = self.relative(link, current)
                    continue
                if time.monotonic() > deadline:
                    raise RuntimeError(f"GET {path}: no file after {limit_seconds:.0f} s")
                time.sleep(poll_seconds)


def _download_link(page: str, exclude: str) -> str | None:
    found = DOWNLOAD_ATTRIBUTE.search(page)
    if found:
        return found.group(1).replace("&amp;", "&")
    if JOB_PAGE in page:
        return None  # its own file is not ready yet: the other links are other jobs' files
    for match in DOWNLOAD_LINK.finditer(page):
        link = match.group(1).replace("&amp;", "&")
        if urlsplit(link).path != urlsplit(exclude).path:
            return link
    return None
