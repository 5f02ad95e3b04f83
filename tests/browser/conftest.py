"""Browser tests: Playwright's sync API driving Debian's chromium against pytest-django's
live server, with a small world (tests/world.py) loaded into the test database per test."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the test
# itself (building the world) would otherwise be refused as "async unsafe".
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
TIMEOUT_MS = 30_000


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("未安装 Debian chromium（/usr/bin/chromium），请运行 bash scripts/setup")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                              args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def world(transactional_db: None, live_server: Any) -> Any:
    from tests.world import build_world

    return build_world(enterprises=24)


class Session:
    """One signed-in browser tab and where its screenshots go."""

    def __init__(self, page: Any, base_url: str, test_name: str) -> None:
        self.page = page
        self.base_url = base_url
        self.prefix = re.sub(r"[^a-z0-9_]+", "_", test_name.lower())

    def go(self, path: str) -> Any:
        return self.page.goto(f"{self.base_url}{path}")

    def sign_in(self, username: str, password: str) -> None:
        self.go("/accounts/login/")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", password)
        self.page.click("button[type=submit]")
        self.page.wait_for_selector("[data-testid=current-user]")

    def sign_out(self) -> None:
        self.go("/")  # error pages have no header to sign out from
        self.page.click("form[action$='/accounts/logout/'] button")
        self.page.wait_for_url(re.compile(r".*/accounts/login/.*"))

    def shot(self, step: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{self.prefix}__{step}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def session(page: Any, live_server: Any, request: pytest.FixtureRequest) -> Session:
    return Session(page, live_server.url, request.node.name)
