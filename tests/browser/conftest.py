"""Browser test fixtures: Debian's Chromium, headless, driven by Playwright against live_server.

Playwright cannot download its own browsers here, so the system Chromium is launched through
`executable_path` (override with CHROMIUM_PATH). `make test` installs it when it is missing.
"""

import os
import re
import shutil

import pytest
from django.urls import reverse

# Playwright's sync API runs an asyncio loop in this thread; without this Django refuses ORM
# calls from the test body ("You cannot call this from an async context").
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
PASSWORD = "correct horse battery staple"
# Impacts that fail a page; "minor" and "moderate" findings are reported, not fatal.
BLOCKING_IMPACTS = {"serious", "critical"}


def find_chromium() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(path):
        pytest.fail(
            f"Chromium not found at {path}: install Debian's chromium (make browser-deps) "
            "or set CHROMIUM_PATH, or deselect these tests with -m 'not browser'."
        )
    return path


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(
        executable_path=find_chromium(), headless=True, args=CHROMIUM_ARGS
    )
    yield chromium
    chromium.close()
    playwright.stop()


def _open_page(browser, live_server, **context_options):
    context = browser.new_context(base_url=live_server.url, **context_options)
    context.set_default_timeout(10_000)
    page = context.new_page()
    # Anything the Content Security Policy blocks (an inline script or style) shows up as a
    # console error: collected here and checked after the test.
    page.csp_violations = []
    page.on(
        "console",
        lambda message: (
            page.csp_violations.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    return context, page


@pytest.fixture
def page(browser, live_server, transactional_db):
    """A desktop-sized page in a fresh browser context (no cookies shared between tests)."""
    context, page = _open_page(browser, live_server, viewport=DESKTOP)
    yield page
    violations = page.csp_violations
    context.close()
    assert not violations, f"Content Security Policy violations: {violations}"


@pytest.fixture
def no_js_page(browser, live_server, transactional_db):
    """A desktop-sized page with JavaScript disabled: every flow must still work."""
    context, page = _open_page(browser, live_server, viewport=DESKTOP, java_script_enabled=False)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server, transactional_db):
    """A 375 × 740 phone-sized page with touch, as on a small phone."""
    context, page = _open_page(
        browser,
        live_server,
        viewport=PHONE,
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    yield page
    violations = page.csp_violations
    context.close()
    assert not violations, f"Content Security Policy violations: {violations}"


def assert_no_horizontal_scroll(page):
    """Fail when the page is wider than the viewport (content would scroll sideways)."""
    widths = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth,"
        " client: document.documentElement.clientWidth})"
    )
    if widths["scroll"] > widths["client"]:
        culprits = page.evaluate(
            """() => [...document.querySelectorAll('body *')]
                .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                .slice(0, 5)
                .map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''))"""
        )
        pytest.fail(
            f"{page.url} scrolls sideways: {widths['scroll']}px of content in "
            f"{widths['client']}px; too wide: {culprits}"
        )


def assert_accessible(page):
    """Run axe-core on the page as it is now and fail on serious or critical violations."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    blocking = [
        violation
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]
    if blocking:
        report = "\n".join(
            f"- [{violation['impact']}] {violation['id']}: {violation['help']} "
            f"({', '.join(str(node['target']) for node in violation['nodes'][:3])})"
            for violation in blocking
        )
        pytest.fail(f"axe-core found problems on {page.url}:\n{report}")


def sign_up(page, *, username="ada", password=PASSWORD):
    """Sign up through the header link and the form; ends on the dashboard."""
    page.goto(reverse("quizzes:home"))
    page.get_by_role("link", name="Sign up").click()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Email").fill(f"{username}@example.org")
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_label("Password confirmation").fill(password)
    page.get_by_role("button", name="Sign up").click()
    page.wait_for_url(re.compile(re.escape(reverse("quizzes:dashboard")) + "$"))


def log_in(page, *, username, password=PASSWORD):
    page.goto(reverse("login"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
