#!/usr/bin/env python3
"""Sign in with Anaconda, in a real browser: headless Chromium (Debian's `chromium` and `chromium-driver`) driven by
selenium against the example Hummingbird app (Examples/WebExample) and the local OIDC provider
(`anaconda-local-server --web-client ...`), as issue #11's contract between them describes.

  make browser-tools                                       # .build-browser: a venv with selenium (PyPI)
  .build-browser/bin/python Tests/Browser/test_web_sign_in.py [-v] [WebSignInTests.test_d_logout ...]
  make web-test                                            # the same, through the Makefile

Environment:
  BIN              the provider's build directory (anaconda-local-server), default .build/debug
  WEB_EXAMPLE_BIN  the app, default Examples/WebExample/.build/debug/anaconda-web-example
  CHROMIUM, CHROMEDRIVER   default /usr/bin/chromium, /usr/bin/chromedriver
  WEB_TEST_TIMEOUT the whole run's limit in seconds (default 900): past it every process is killed, exit 1
  WEB_TEST_KEEP=1  keep the work directory (logs, profiles, the provider's state)
Relative paths are taken from the repository root.

One process-level fixture (setUpModule): the provider and three app processes (A and B: required mode, one cookie
secret; OPTIONAL: ANACONDA_WEB_OPTIONAL=true), all on "localhost" (cookies are per host, not per port: A's cookies
reach B). Each test gets its own browser with a fresh profile and the DevTools performance log, from which it reads
the navigations (URLs and statuses, redirect hops included), so it can tell "never a 500" and "never went to the
provider". Everything is killed at the end, also on failure; every wait has a timeout.
"""
import atexit
import base64
import json
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

try:
    from selenium import webdriver
    from selenium.common.exceptions import TimeoutException, WebDriverException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:  # pragma: no cover
    sys.exit("test_web_sign_in.py needs selenium: `make browser-tools`, then run it with .build-browser/bin/python")

ROOT = Path(__file__).resolve().parents[2]
WAIT = 15  # seconds, every browser wait
HTTP_TIMEOUT = 10  # seconds, every urllib request
STARTUP_TIMEOUT = 60  # seconds, each process until it prints its URL
CLIENT_ID = "web-example"
CLIENT_SECRET = secrets.token_urlsafe(24)
COOKIE_SECRET = secrets.token_hex(32)
FAULTS = ["wrong-nonce", "bad-signature", "alg-none", "wrong-issuer", "wrong-audience", "expired"]
ERROR_STATUSES = (400, 401, 403)


def from_root(value):
    path = Path(value)
    return path if path.is_absolute() else ROOT / path


BIN = from_root(os.environ.get("BIN", ".build/debug"))
WEB_EXAMPLE_BIN = from_root(os.environ.get("WEB_EXAMPLE_BIN", "Examples/WebExample/.build/debug/anaconda-web-example"))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")


class Stack:
    """What setUpModule started: URLs, the CA, the processes (killed by the module cleanup)."""

    work = None
    server = None  # https://localhost:PORT
    ca = None
    apps = {}  # "a", "b", "optional" -> http://localhost:PORT
    processes = []  # (name, Popen, log path)
    drivers = []  # chromedriver Popen objects (own process groups: chromedriver and its chromium)
    opener = None


# MARK: - Processes


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def clean_environment(**extra):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("ANACONDA_", "CONDA_")) and k.lower() not in ("http_proxy", "https_proxy", "all_proxy")}
    env.update(NO_PROXY="localhost,127.0.0.1", no_proxy="localhost,127.0.0.1")
    env.update(extra)
    return env


def stop_process(proc):
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except (ProcessLookupError, PermissionError):
        proc.terminate()
    try:
        proc.wait(5)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            proc.kill()
        proc.wait(5)


def start_process(name, argv, env, pattern):
    """Starts ARGV in its own process group with its output in WORK/NAME.log; waits until the output matches
    PATTERN (a regex, multiline) and returns the match."""
    for path in (argv[0],):
        if not os.access(path, os.X_OK):
            raise RuntimeError(f"{name}: {path} is not an executable (build it first; see the docstring)")
    log = Stack.work / f"{name}.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env,
                                start_new_session=True)
    Stack.processes.append((name, proc, log))
    unittest.addModuleCleanup(stop_process, proc)
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        text = log.read_text(errors="replace")
        match = re.search(pattern, text, re.MULTILINE)
        if match:
            return match
        if proc.poll() is not None:
            raise RuntimeError(f"{name} exited with {proc.returncode} before it was ready:\n{text[-3000:]}")
        time.sleep(0.05)
    raise RuntimeError(f"{name} did not print /{pattern}/ within {STARTUP_TIMEOUT} s:\n{log.read_text(errors='replace')[-3000:]}")


def setUpModule():
    Stack.work = Path(tempfile.mkdtemp(prefix="web-sign-in-"))
    if os.environ.get("WEB_TEST_KEEP") != "1":
        atexit.register(shutil.rmtree, Stack.work, True)
    ports = {"a": free_port(), "b": free_port(), "optional": free_port()}
    while len(set(ports.values())) < len(ports):
        ports = {name: free_port() for name in ports}
    Stack.apps = {name: f"http://localhost:{port}" for name, port in ports.items()}
    redirects = ",".join(f"{url}/auth/callback" for url in Stack.apps.values())
    match = start_process(
        "server",
        [str(BIN / "anaconda-local-server"), "--port", "0", "--state-directory", str(Stack.work / "server"),
         "--web-client", f"{CLIENT_ID}:{CLIENT_SECRET}:{redirects}"],
        clean_environment(), r"^listening on (\S+)\s*\nCA certificate: (.+?)\s*$")
    Stack.server, Stack.ca = match.group(1), match.group(2)
    context = ssl.create_default_context(cafile=Stack.ca)
    Stack.opener = urllib.request.build_opener(
        urllib.request.ProxyHandler({}), urllib.request.HTTPSHandler(context=context), NoRedirect())
    home = Stack.work / "home"
    (home / ".anaconda").mkdir(parents=True)
    domain = Stack.server.removeprefix("https://")
    (home / ".anaconda" / "config.toml").write_text(f'[plugin.auth]\ndomain = "{domain}"\nssl_verify = "{Stack.ca}"\n')
    for name, port in ports.items():
        env = clean_environment(
            HOME=str(home), ANACONDA_WEB_CLIENT_ID=CLIENT_ID, ANACONDA_WEB_CLIENT_SECRET=CLIENT_SECRET,
            ANACONDA_WEB_COOKIE_SECRET=COOKIE_SECRET, ANACONDA_WEB_REDIRECT_URL=f"{Stack.apps[name]}/auth/callback",
            ANACONDA_WEB_OPTIONAL="true" if name == "optional" else "false", ANACONDA_WEB_REFRESH_TOKENS="true")
        match = start_process(f"app-{name}", [str(WEB_EXAMPLE_BIN), "--host", "127.0.0.1", "--port", str(port)], env,
                              r"^listening on (\S+)\s*$")
        if match.group(1).rstrip("/") != Stack.apps[name]:
            raise RuntimeError(f"app {name} listens on {match.group(1)}, expected {Stack.apps[name]}")


def watchdog(seconds):
    def fire():
        sys.stderr.write(f"\ntest_web_sign_in: still running after {seconds} s: killing everything\n")
        for proc in Stack.drivers + [proc for _, proc, _ in Stack.processes]:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except OSError:
                pass
        print_logs()
        sys.stderr.flush()
        if Stack.work and os.environ.get("WEB_TEST_KEEP") != "1":
            shutil.rmtree(Stack.work, True)
        os._exit(1)

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()


def print_logs():
    for name, _, log in Stack.processes:
        try:
            text = log.read_text(errors="replace")
        except OSError:
            continue
        sys.stderr.write(f"\n--- {name} ({log}), last 60 lines ---\n" + "\n".join(text.splitlines()[-60:]) + "\n")


# MARK: - HTTP outside the browser (the provider's /_test knobs, a few raw requests to the apps)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def http(method, url, body=None, headers=None):
    """(status, headers, body text) without following redirects; error statuses are answers, not exceptions."""
    data = body.encode() if isinstance(body, str) else body
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    if data is not None and "Content-Type" not in (headers or {}):
        request.add_header("Content-Type", "text/plain")
    try:
        with Stack.opener.open(request, timeout=HTTP_TIMEOUT) as response:
            return response.status, response.headers, response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode(errors="replace")


def provider_knob(path, body):
    status, _, text = http("POST", Stack.server + path, body)
    if status >= 300:
        raise AssertionError(f"POST {path} {body!r}: {status} {text[:200]}")


def provider_log():
    status, _, text = http("GET", Stack.server + "/_test/requests")
    if status != 200:
        raise AssertionError(f"GET /_test/requests: {status}")
    return json.loads(text)


def header(entry, name):
    for key, value in (entry.get("headers") or {}).items():
        if key.lower() == name.lower():
            return value
    return None


def jwt_claims(token):
    try:
        payload = token.split(".")[1]
        return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError):
        return {}


def netloc(url):
    return urllib.parse.urlsplit(url).netloc


def on_provider(url):
    return netloc(url) == netloc(Stack.server)


# MARK: - The browser


class Browser:
    """One headless Chromium with a fresh profile, and its navigations from the DevTools performance log."""

    def __init__(self):
        profile = tempfile.mkdtemp(prefix="profile-", dir=Stack.work)
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for argument in ["--headless=new", "--no-sandbox", "--ignore-certificate-errors", "--disable-gpu",
                         "--disable-dev-shm-usage", "--no-proxy-server", "--no-first-run", "--disable-extensions",
                         f"--user-data-dir={profile}", "--window-size=1024,768"]:
            options.add_argument(argument)
        options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
        service = Service(CHROMEDRIVER, log_output=str(Stack.work / "chromedriver.log"),
                          popen_kw={"start_new_session": True})
        self.driver = webdriver.Chrome(options=options, service=service)
        Stack.drivers.append(service.process)
        self.service = service
        self.driver.set_page_load_timeout(WAIT)
        self.driver.set_script_timeout(WAIT)
        self.events = []
        # The first tab's own start page loads in the background: wait for a blank page, then start the log.
        self.driver.get("about:blank")
        self.mark()

    def quit(self):
        try:
            self.driver.quit()
        except Exception:
            pass
        if self.service.process is not None:
            stop_process(self.service.process)

    # Navigation

    def get(self, url):
        self.driver.get(url)

    def wait_for(self, *ids):
        """Waits until an element with one of IDS is on the page; returns that id. On timeout, fails with where the
        browser is and what the page says."""
        def present(driver):
            for name in ids:
                if driver.find_elements(By.ID, name):
                    return name
            return False
        try:
            return WebDriverWait(self.driver, WAIT, ignored_exceptions=(WebDriverException,)).until(present)
        except TimeoutException:
            raise AssertionError(f"none of #{', #'.join(ids)} within {WAIT} s; at {self.url}: {self.text()[:500]!r}")

    def expect(self, expected, *others):
        """Waits for EXPECTED or any of OTHERS (so that a wrong page fails at once) and requires EXPECTED."""
        found = self.wait_for(expected, *others)
        if found != expected:
            raise AssertionError(f"expected #{expected}, got #{found} at {self.url}: {self.text()[:500]!r}")

    def click(self, name):
        """Clicks #NAME, which navigates, and waits until the page it was on is gone (a click on a submit button
        returns before the navigation)."""
        element = self.element(name)
        element.click()
        try:
            WebDriverWait(self.driver, WAIT).until(expected_conditions.staleness_of(element))
        except TimeoutException:
            raise AssertionError(f"clicking #{name} did not leave {self.url}")

    def element(self, name):
        return self.driver.find_element(By.ID, name)

    def has(self, name):
        return bool(self.driver.find_elements(By.ID, name))

    def text(self):
        try:
            return self.driver.find_element(By.TAG_NAME, "body").text
        except WebDriverException:
            return self.driver.page_source

    @property
    def url(self):
        return self.driver.current_url

    # The performance log

    def drain(self):
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            self.events.append((message.get("method"), message.get("params", {})))
        return self.events

    def mark(self):
        """Forgets the navigations so far."""
        self.drain()
        self.events = []

    def navigations(self):
        """[(url, status)] of every document response since the mark, redirect hops included, in order, and the
        [(url, request id)] of every document request."""
        hops, requests = [], []
        web = lambda url: url.startswith(("http:", "https:"))
        for method, params in self.drain():
            if method == "Network.requestWillBeSent" and params.get("type") == "Document" and web(params["request"]["url"]):
                if "redirectResponse" in params:
                    hops.append((params["redirectResponse"]["url"], params["redirectResponse"]["status"]))
                requests.append((params["request"]["url"], params["requestId"]))
            elif method == "Network.responseReceived" and params.get("type") == "Document" and web(params["response"]["url"]):
                hops.append((params["response"]["url"], params["response"]["status"]))
        return hops, requests

    def sent_headers(self, request_id):
        """The headers Chromium sent for a request (requestWillBeSentExtraInfo), or None when not logged."""
        for method, params in self.events:
            if method == "Network.requestWillBeSentExtraInfo" and params.get("requestId") == request_id:
                return {k.lower(): v for k, v in params.get("headers", {}).items()}
        return None

    # Cookies, across hosts and ports (CDP)

    def all_cookies(self):
        return self.driver.execute_cdp_cmd("Network.getAllCookies", {})["cookies"]

    def app_cookies(self, prefix):
        return [c for c in self.all_cookies() if c["name"].startswith(prefix) and c["domain"].lstrip(".") == "localhost"]

    def set_cookie(self, cookie, app, value=None):
        """Sets COOKIE (a CDP cookie) again as a host-only cookie of APP's host, with VALUE if given."""
        parameters = {"name": cookie["name"], "value": cookie["value"] if value is None else value,
                      "url": app + cookie.get("path", "/"), "path": cookie.get("path", "/"),
                      "httpOnly": cookie.get("httpOnly", False), "secure": cookie.get("secure", False)}
        if cookie.get("sameSite"):
            parameters["sameSite"] = cookie["sameSite"]
        if not cookie.get("session", True) and cookie.get("expires", -1) > 0:
            parameters["expires"] = cookie["expires"]
        result = self.driver.execute_cdp_cmd("Network.setCookie", parameters)
        if result.get("success") is False:
            raise AssertionError(f"could not set cookie {parameters}")

    def clear_cookies(self):
        self.driver.execute_cdp_cmd("Network.clearBrowserCookies", {})


def flip(value):
    """VALUE with one character in the middle changed (to another character of the same kind, so the cookie stays
    well-formed)."""
    middle = len(value) // 2
    for index in list(range(middle, len(value))) + list(range(middle - 1, -1, -1)):
        c = value[index]
        if c.isalnum():
            replacement = "B" if c == "A" else "A" if c.isalpha() else ("1" if c == "0" else "0")
            return value[:index] + replacement + value[index + 1:]
    raise AssertionError(f"no character to flip in {value!r}")


# MARK: - The tests


class WebSignInTests(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        self.browser = Browser()
        self.addCleanup(self.browser.quit)
        self.a, self.b, self.optional = Stack.apps["a"], Stack.apps["b"], Stack.apps["optional"]

    # Helpers

    def approval_page(self, url):
        """Opens URL and requires the provider's approval page."""
        self.browser.get(url)
        self.browser.expect("approve", "greeting", "error", "anonymous")
        self.assertTrue(on_provider(self.browser.url), f"approval page not on the provider: {self.browser.url}")

    def sign_in(self, app, path="/"):
        """From APP's PATH through the approval page back to the greeting; returns the navigations of the login."""
        self.browser.mark()
        self.approval_page(app + path)
        self.browser.click("approve")
        self.browser.expect("greeting", "error", "approve")
        self.assertEqual(netloc(self.browser.url), netloc(app), "signed in, but not back on the app")
        hops, requests = self.browser.navigations()
        self.assert_no_server_error(hops)
        return hops, requests

    def assert_greeted(self, account=True):
        self.assertIn("Ana Conda", self.browser.element("greeting").text)
        if account:
            self.assertTrue(self.browser.has("account"), f"no #account at {self.browser.url}: {self.browser.text()[:500]!r}")
            self.assertIn("me@example.com", self.browser.element("account").text)

    def assert_no_server_error(self, hops):
        errors = [(url, status) for url, status in hops if status >= 500]
        self.assertEqual(errors, [], f"server errors among the navigations {hops}")

    def assert_error_page(self):
        """The page shows #error and #error-message (one line), served with 400, 401 or 403; no 5xx on the way."""
        self.browser.expect("error", "greeting", "approve", "anonymous")
        self.assertIn("Sign-in failed", self.browser.element("error").text)
        self.assertTrue(self.browser.has("error-message"), "no #error-message")
        message = self.browser.element("error-message").text.strip()
        self.assertTrue(message and "\n" not in message, f"#error-message should be one line: {message!r}")
        hops, _ = self.browser.navigations()
        self.assert_no_server_error(hops)
        self.assertTrue(hops, "no navigation logged")
        self.assertIn(hops[-1][1], ERROR_STATUSES, f"the error page's status; navigations {hops}")

    def approve_outside_browser(self):
        """On the approval page: submits the approval form with urllib instead of the browser and returns the
        provider's redirect (APP/auth/callback?code=..&state=..), which the browser has not visited."""
        approve = self.browser.element("approve")
        form = approve.find_element(By.XPATH, "./ancestor::form")
        fields = {e.get_attribute("name"): e.get_attribute("value") or ""
                  for e in form.find_elements(By.CSS_SELECTOR, "input[name]")}
        fields[approve.get_attribute("name") or "decision"] = approve.get_attribute("value") or "approve"
        action = form.get_attribute("action")
        self.assertTrue(on_provider(action), f"approval form posts to {action}")
        status, headers, text = http("POST", action, urllib.parse.urlencode(fields),
                                     {"Content-Type": "application/x-www-form-urlencoded"})
        self.assertIn(status, (302, 303), f"approve: {status} {text[:200]}")
        location = urllib.parse.urljoin(action, headers["Location"])
        self.assertIn("code=", location)
        return location

    # a. The whole sign-in

    def test_a_sign_in(self):
        hops, requests = self.sign_in(self.a)
        self.assert_greeted()
        self.assertEqual(urllib.parse.urlsplit(self.browser.url).path, "/")
        # Required mode: / answered a redirect to /login?next=/, which redirected to the provider's authorization
        # endpoint with a code flow, PKCE S256, state and nonce for this app's callback.
        self.assertIn(hops[0][1], (302, 303, 307), f"the first answer to / should redirect: {hops}")
        logins = [url for url, _ in requests if netloc(url) == netloc(self.a) and urllib.parse.urlsplit(url).path == "/login"]
        self.assertTrue(logins, f"no /login among {requests}")
        self.assertEqual(urllib.parse.parse_qs(urllib.parse.urlsplit(logins[0]).query).get("next"), ["/"])
        authorize = [url for url, _ in requests if on_provider(url)][0]
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(authorize).query)
        self.assertEqual(query.get("client_id"), [CLIENT_ID])
        self.assertEqual(query.get("response_type"), ["code"])
        self.assertEqual(query.get("redirect_uri"), [f"{self.a}/auth/callback"])
        self.assertEqual(query.get("code_challenge_method"), ["S256"])
        self.assertIn("openid", query.get("scope", [""])[0].split())
        for name in ("state", "nonce", "code_challenge"):
            self.assertTrue(query.get(name, [""])[0], f"no {name} in {authorize}")
        # The session cookie: set, and out of reach of scripts.
        sessions = self.browser.app_cookies("anaconda_session")
        self.assertTrue(sessions, f"no anaconda_session cookie: {self.browser.all_cookies()}")
        self.assertTrue(all(c["httpOnly"] for c in sessions), f"session cookie not HttpOnly: {sessions}")
        # The other signed-in pages.
        self.browser.get(self.a + "/hello")
        self.assertIn("Hello, me@example.com", self.browser.text())
        self.browser.get(self.a + "/plain/hello")
        self.assertIn("Hello", self.browser.text())

    # b. A second process with the same cookie secret

    def test_b_second_process(self):
        self.sign_in(self.a)
        self.assert_greeted()
        session = {c["name"]: c["value"] for c in self.browser.app_cookies("anaconda_session")}
        self.assertIn("anaconda_session", session)
        self.browser.mark()
        self.browser.get(self.b + "/")
        self.browser.expect("greeting", "approve", "error")
        self.assertEqual(netloc(self.browser.url), netloc(self.b))
        self.assert_greeted()
        hops, requests = self.browser.navigations()
        self.assert_no_server_error(hops)
        self.assertEqual([url for url, _ in requests if on_provider(url)], [], "B sent the browser to the provider")
        # The browser sent A's cookies to B by itself (same host, another port).
        to_b = [rid for url, rid in requests if netloc(url) == netloc(self.b)]
        sent = self.browser.sent_headers(to_b[0]) if to_b else None
        if sent is not None:
            self.assertIn(f"anaconda_session={session['anaconda_session']}", sent.get("cookie", ""))
        self.assertEqual({c["name"]: c["value"] for c in self.browser.app_cookies("anaconda_session")}.get(
            "anaconda_session"), session["anaconda_session"])

    # c. The access token expires; the app refreshes it without the browser

    def test_c_refresh(self):
        provider_knob("/_test/access-token-lifetime", "3")
        try:
            start = len(provider_log())
            self.sign_in(self.a)
            self.assert_greeted()
            bearers = [header(e, "Authorization") for e in provider_log()[start:] if e.get("path") == "/api/account"]
            original = [b.removeprefix("Bearer ") for b in bearers if b]
            if original:
                expiry = jwt_claims(original[-1]).get("exp")
                if expiry is not None:
                    self.assertLessEqual(expiry, time.time() + 3.5, "the lifetime knob had no effect")
            time.sleep(4)
            start = len(provider_log())
            self.browser.mark()
            self.browser.driver.refresh()
            self.browser.expect("greeting", "approve", "error")
            self.assert_greeted()
            hops, requests = self.browser.navigations()
            self.assert_no_server_error(hops)
            self.assertEqual([url for url, _ in requests if on_provider(url)], [], "the browser went to the provider")
            entries = provider_log()[start:]
            bodies = [e["body"] for e in entries
                      if e.get("path", "").endswith("/oauth2/token") and isinstance(e.get("body"), str)]
            if bodies:
                self.assertTrue(any("grant_type=refresh_token" in body for body in bodies),
                                f"no refresh_token grant after the expiry: {bodies}")
            # The account was fetched with a new access token (the original one had expired: /api/account refuses
            # it), when the app fetched it at all on this request.
            used = [header(e, "Authorization") for e in entries if e.get("path") == "/api/account"]
            used = [b.removeprefix("Bearer ") for b in used if b]
            if used and original:
                self.assertNotIn(original[-1], used, "the expired access token was used again")
        finally:
            provider_knob("/_test/access-token-lifetime", "3600")

    # d. Logout

    def test_d_logout(self):
        self.sign_in(self.a)
        self.assert_greeted()
        self.browser.mark()
        self.browser.click("logout-button")
        self.browser.expect("logged-out", "greeting", "error", "approve")
        self.assertIn("signed out", self.browser.element("logged-out").text)
        hops, _ = self.browser.navigations()
        self.assert_no_server_error(hops)
        self.assertEqual(hops[-1][1], 200, f"logout navigations {hops}")
        left = [c for c in self.browser.app_cookies("anaconda_session") if c["value"]]
        self.assertEqual(left, [], "the session cookie survived the logout")
        self.approval_page(self.a + "/")

    def test_d_logout_needs_csrf(self):
        self.sign_in(self.a)
        for case in ("wrong", "missing"):
            with self.subTest(csrf=case):
                self.browser.get(self.a + "/")
                self.browser.expect("greeting", "approve", "error")
                self.browser.mark()
                script = {"wrong": "var i = document.querySelector('#logout input[name=csrf]'); i.value = i.value + 'x';",
                          "missing": "document.querySelector('#logout input[name=csrf]').remove();"}[case]
                self.browser.driver.execute_script(script)
                self.browser.click("logout-button")
                self.assertFalse(self.browser.has("logged-out"), "signed out without a valid csrf value")
                hops, _ = self.browser.navigations()
                self.assert_no_server_error(hops)
                self.assertTrue(hops and 400 <= hops[-1][1] < 500, f"POST /logout with a {case} csrf: {hops}")
                self.browser.get(self.a + "/")
                self.browser.expect("greeting", "approve", "error")

    # e. A tampered session cookie

    def test_e_tampered_cookie(self):
        self.sign_in(self.a)
        cookies = self.browser.app_cookies("anaconda_session")
        session = [c for c in cookies if c["name"] == "anaconda_session"]
        self.assertTrue(session, f"no anaconda_session cookie: {cookies}")
        tampered = flip(session[0]["value"])
        # Raw: the app answers a redirect (not signed in), not an error.
        jar = "; ".join(f"{c['name']}={tampered if c['name'] == 'anaconda_session' else c['value']}" for c in cookies)
        status, headers, _ = http("GET", self.a + "/", headers={"Cookie": jar})
        self.assertIn(status, (302, 303, 307), "GET / with a tampered session cookie")
        self.assertIn("/login", headers.get("Location", ""))
        # In the browser.
        self.browser.set_cookie(session[0], self.a, tampered)
        self.assertEqual([c["value"] for c in self.browser.app_cookies("anaconda_session") if c["name"] == "anaconda_session"],
                         [tampered])
        self.browser.mark()
        self.approval_page(self.a + "/")
        hops, _ = self.browser.navigations()
        self.assert_no_server_error(hops)

    # f. A callback whose state is not the flow's

    def test_f_wrong_state(self):
        with self.subTest("made-up code"):
            self.approval_page(self.a + "/login?next=/")
            self.assertTrue(self.browser.app_cookies("anaconda_signin"), "no flow cookie after /login")
            self.browser.mark()
            self.browser.get(self.a + "/auth/callback?code=x&state=wrong")
            self.assert_error_page()
        with self.subTest("the provider's code, state edited"):
            self.browser.clear_cookies()
            self.approval_page(self.a + "/login?next=/")
            flow = self.browser.app_cookies("anaconda_signin")
            callback = self.approve_outside_browser()
            parts = urllib.parse.urlsplit(callback)
            query = urllib.parse.parse_qsl(parts.query)
            state = dict(query).get("state", "")
            self.assertTrue(state, f"no state in {callback}")
            edited = [(k, flip(v) if k == "state" else v) for k, v in query]
            self.browser.mark()
            self.browser.get(parts._replace(query=urllib.parse.urlencode(edited)).geturl())
            self.assert_error_page()
            # The control: the same code with its own state (and the flow cookie, should the error have cleared
            # it) signs in, so the error above came from the state alone.
            for cookie in flow:
                self.browser.set_cookie(cookie, self.a)
            self.browser.get(callback)
            self.browser.expect("greeting", "error", "approve")
            self.assert_greeted()

    # g. A replayed authorization code

    def test_g_replayed_code(self):
        self.approval_page(self.a + "/")
        flow = self.browser.app_cookies("anaconda_signin")
        self.assertTrue(flow, "no flow cookie on the approval page")
        self.browser.mark()
        self.browser.click("approve")
        self.browser.expect("greeting", "error", "approve")
        _, requests = self.browser.navigations()
        callbacks = [url for url, _ in requests
                     if netloc(url) == netloc(self.a) and urllib.parse.urlsplit(url).path == "/auth/callback"]
        self.assertEqual(len(callbacks), 1, f"callback requests: {requests}")
        callback = callbacks[0]
        self.assertIn("code=", callback)
        with self.subTest("as is"):
            self.browser.mark()
            self.browser.get(callback)
            self.assert_error_page()
        with self.subTest("with the flow cookie of its sign-in"):
            # State, nonce and PKCE verifier all match again: only the code's single use stops it.
            for cookie in flow:
                self.browser.set_cookie(cookie, self.a)
            self.browser.mark()
            self.browser.get(callback)
            self.assert_error_page()

    # h. Bad ID tokens

    def test_h_id_token_faults(self):
        try:
            for fault in FAULTS:
                with self.subTest(fault=fault):
                    provider_knob("/_test/id-token-fault", fault)
                    self.browser.clear_cookies()
                    self.approval_page(self.a + "/")
                    self.browser.mark()
                    self.browser.click("approve")
                    self.assert_error_page()
                    self.assertFalse([c for c in self.browser.app_cookies("anaconda_session") if c["value"]],
                                     "a session cookie despite " + fault)
        finally:
            provider_knob("/_test/id-token-fault", "")
        # The control: without a fault the same steps sign in.
        self.browser.clear_cookies()
        self.sign_in(self.a)
        self.assert_greeted()

    # i. Optional mode

    def test_i_optional_mode(self):
        self.browser.mark()
        self.browser.get(self.optional + "/")
        self.browser.expect("anonymous", "approve", "greeting", "error")
        self.assertEqual(netloc(self.browser.url), netloc(self.optional))
        self.assertTrue(self.browser.has("login"), "no #login link")
        _, requests = self.browser.navigations()
        self.assertEqual([url for url, _ in requests if on_provider(url)], [])
        self.browser.mark()
        self.browser.click("login")
        self.browser.expect("approve", "greeting", "error", "anonymous")
        self.assertTrue(on_provider(self.browser.url))
        self.browser.click("approve")
        self.browser.expect("greeting", "error", "approve", "anonymous")
        self.assertEqual(netloc(self.browser.url), netloc(self.optional))
        self.assertEqual(urllib.parse.urlsplit(self.browser.url).path, "/")
        self.assert_greeted()
        hops, _ = self.browser.navigations()
        self.assert_no_server_error(hops)

    # j. Denied on the approval page

    def test_j_denied(self):
        self.approval_page(self.a + "/")
        self.browser.mark()
        self.browser.click("deny")
        self.assert_error_page()
        self.assertFalse([c for c in self.browser.app_cookies("anaconda_session") if c["value"]], "a session cookie")


def main():
    watchdog(int(os.environ.get("WEB_TEST_TIMEOUT", "900")))
    program = unittest.main(module=__name__, exit=False, verbosity=2)
    result = program.result
    if not result.wasSuccessful():
        print_logs()
        if os.environ.get("WEB_TEST_KEEP") == "1":
            sys.stderr.write(f"work directory kept: {Stack.work}\n")
    failed = len({getattr(test, "test_case", test).id() for test, _ in result.failures + result.errors}
                 | {test.id() for test in result.unexpectedSuccesses})
    passed = max(0, result.testsRun - failed - len(result.skipped))
    print(f"browser: {passed} passed, {failed} failed, {len(result.skipped)} skipped")
    sys.exit(0 if result.wasSuccessful() else 1)


if __name__ == "__main__":
    main()
