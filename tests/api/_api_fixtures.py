"""Shared pieces of the API tests: a real uvicorn server in a thread, a spaCy-free coder,
hand-built stored articles with known events, and the Chromium/Playwright fixtures.

Test modules import the fixtures they use from here (the suite keeps one conftest.py).
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import threading
import time
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

import pytest

from flashpoint.config import Settings
from flashpoint.model import Action, Actor, Article, CodedArticle, Event, Failure, Mode, Plover, Quote, Sentence

REPO = Path(__file__).resolve().parents[2]
ARTICLES_JSONL = REPO / "tests" / "fixtures" / "articles" / "api_dashboard.jsonl"
ARTIFACTS = REPO / "tests" / "artifacts"
TOKEN = "test-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip


# -- a server on 127.0.0.1 ------------------------------------------------------------------------
class ServerThread:
    """The app under a real uvicorn on 127.0.0.1 (a free port), in a thread of this process."""

    def __init__(self, app) -> None:
        import uvicorn

        from flashpoint.api.serve import bind, url_of

        self.sock = bind("127.0.0.1", 0)
        self.url = url_of(self.sock)
        self.app = app
        config = uvicorn.Config(app, log_level="warning", lifespan="on", access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.01)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(20)
        self.sock.close()


def start_server(db: Path, coder, **options) -> ServerThread:
    """A ServerThread over the store at `db`, coding with `coder` in-process, token TOKEN."""
    from flashpoint.api.app import create_app
    from flashpoint.api.options import ServerOptions
    from flashpoint.api.worker import InlineCoding

    settings = Settings(db_path=db)
    app = create_app(settings, ServerOptions(token=TOKEN, **options), coding=InlineCoding(coder))
    return ServerThread(app)


# -- a coder without spaCy -------------------------------------------------------------------------
class FakeCoder:
    """One sentence per line, each coded as "Russia attacked Ukraine" (190); "FAIL" in the
    text fails the article."""

    def pipe(self, articles: Iterable[Article], *, on_error: str = "record") -> Iterator[CodedArticle]:
        for article in articles:
            if "FAIL" in article.text:
                yield CodedArticle(article, failures=[Failure(article.id, "ValueError", "the fake coder failed")])
                continue
            sentences, events, start = [], [], 0
            for index, line in enumerate(article.text.split("\n")):
                sentences.append(Sentence(index, start, start + len(line), line))
                events.append(event(article.id, article.published, index, line, start,
                                    ("Russia", "RUSGOV", 0), ("attacked", 7), ("Ukraine", "UKR", 16)))  # fmt: skip
                start += len(line) + 1
            yield CodedArticle(article, sentences, events, [])


def event(article_id: str, day: date | None, index: int, sentence: str, offset: int,
          source: tuple[str, str, int] | None, action: tuple[str, int], target: tuple[str, str, int] | None,
          *, cameo: str = "190", quad_class: int = 4, goldstein: float = -10.0, mode: Mode = Mode.ASSERTED,
          rule: str = "fake.rule", name: str = "Use conventional military force") -> Event:  # fmt: skip
    """An event whose actor and action positions are given within `sentence` (at `offset` in the text)."""

    def actor(part: tuple[str, str, int] | None) -> Actor | None:
        if part is None:
            return None
        text, code, at = part
        return Actor(text, code, country=code[:3], span=(offset + at, offset + at + len(text)))

    return Event(
        article_id=article_id, article_date=day, sentence_index=index, sentence=sentence,
        source=actor(source), target=actor(target),
        action=Action(action[0], (offset + action[1], offset + action[1] + len(action[0]))),
        cameo=cameo, cameo_name=name, goldstein=goldstein, quad_class=quad_class,
        plover=Plover("ASSAULT", None), mode=mode, rule=rule, event_date=day,
    )  # fmt: skip


def _coded(article_id: str, day: date, title: str, lines: list[tuple[str, list[dict]]], quotes=()) -> CodedArticle:
    """An article of `lines` (sentence, [event keyword arguments with source/action/target as
    words found in the sentence]) joined by spaces."""
    text = " ".join(line for line, _ in lines)
    sentences, events, offset = [], [], 0
    for index, (line, specs) in enumerate(lines):
        sentences.append(Sentence(index, offset, offset + len(line), line))
        for spec in specs:
            spec = dict(spec)
            source, verb, target = spec.pop("source"), spec.pop("action"), spec.pop("target")
            events.append(event(
                article_id, day, index, line, offset,
                (source[0], source[1], line.index(source[0])) if source else None,
                (verb, line.index(verb)),
                (target[0], target[1], line.index(target[0])) if target else None,
                **spec,
            ))  # fmt: skip
        offset += len(line) + 1
    quoted = [
        Quote(article_id, 0, text[text.index(words): text.index(words) + len(words)],
              (text.index(words), text.index(words) + len(words)), kind, Actor(speaker, code), verb)
        for words, kind, speaker, code, verb in quotes
    ]  # fmt: skip
    article = Article(id=article_id, text=text, published=day, title=title, source="Test Wire",
                      url=f"https://news.example.org/{article_id}")  # fmt: skip
    return CodedArticle(article, sentences, events, quoted)


def stored_articles() -> list[CodedArticle]:
    """Three hand-coded articles: 6 events (RUS->UKR on 2022-02-20 and 02-24), 2 quotes."""
    return [
        _coded("a-old", date(2022, 2, 20), "Shelling near the border", [
            ("Russia shelled Ukraine overnight.", [
                {"source": ("Russia", "RUSGOV"), "action": "shelled", "target": ("Ukraine", "UKR")}]),
            ("Moscow accused Kyiv of provocations.", [
                {"source": ("Moscow", "RUS"), "action": "accused", "target": ("Kyiv", "UKRGOV"),
                 "cameo": "112", "quad_class": 3, "goldstein": -2.0, "name": "Accuse", "rule": "accuse"}]),
        ], quotes=[("Moscow accused Kyiv", "reported", "Moscow", "RUSGOV", "accused")]),
        _coded("a-mid", date(2022, 2, 24), "Troops cross the border", [
            ("Russian troops attacked Ukrainian positions.", [
                {"source": ("Russian troops", "RUSMIL"), "action": "attacked", "target": ("Ukrainian positions", "UKRMIL")}]),
            ("Kyiv did not condemn Moscow.", [
                {"source": ("Kyiv", "UKRGOV"), "action": "condemn", "target": ("Moscow", "RUSGOV"),
                 "cameo": "111", "quad_class": 3, "goldstein": -2.0, "mode": Mode.NEGATED, "name": "Criticize or denounce",
                 "rule": "condemn"}]),
        ]),
        _coded("a-new", date(2022, 3, 1), "Sanctions and aid", [
            ("Washington imposed sanctions on Moscow.", [
                {"source": ("Washington", "USAGOV"), "action": "imposed sanctions", "target": ("Moscow", "RUSGOV"),
                 "cameo": "163", "quad_class": 4, "goldstein": -8.0, "name": "Impose embargo, boycott, or sanctions",
                 "rule": "sanction"}]),
            ("France will send aid to Ukraine, the minister said.", [
                {"source": ("France", "FRA"), "action": "send aid", "target": ("Ukraine", "UKR"),
                 "cameo": "070", "quad_class": 2, "goldstein": 7.0, "mode": Mode.INTENDED, "name": "Provide aid",
                 "rule": "aid"}]),
        ], quotes=[("France will send aid to Ukraine", "reported", "the minister", "FRAGOV", "said")]),
    ]


def alert_series() -> list[CodedArticle]:
    """Israel -> Palestine: eight weeks of three cooperative statements each (from 2023-01-02),
    then a week of four air strikes, which the escalation index flags."""
    praise = {"source": ("Israeli officials", "ISRGOV"), "action": "praised", "target": ("Palestinian negotiators", "PSEGOV"),
              "cameo": "051", "quad_class": 1, "goldstein": 3.4, "name": "Praise or endorse", "rule": "praise"}  # fmt: skip
    strike = {"source": ("Israeli aircraft", "ISRMIL"), "action": "struck", "target": ("Palestinian positions", "PSEMIL"),
              "cameo": "195", "quad_class": 4, "goldstein": -10.0, "name": "Employ aerial weapons", "rule": "strike"}  # fmt: skip
    calm = [(f"Israeli officials praised Palestinian negotiators {n}.", [praise]) for n in ("again", "twice", "warmly")]
    war = [(f"Israeli aircraft struck Palestinian positions {n}.", [strike]) for n in ("at dawn", "at noon", "at dusk", "overnight")]
    start = date(2023, 1, 2)
    return [
        _coded(f"series-{week:02d}", date.fromordinal(start.toordinal() + 7 * week), f"Week {week}", war if week == 8 else calm)
        for week in range(9)
    ]


def fill_store(db: Path, coded: Iterable[CodedArticle]) -> None:
    """Store coded articles as ingest does (de-duplication included), then close the file."""
    from flashpoint.runner import store_coded
    from flashpoint.store import open_store

    with open_store(db) as store:
        report = store_coded(coded, Settings(db_path=db), store=store)
    assert report.ok, report.failed


# -- Chromium and Playwright ---------------------------------------------------------------------
def _install_chromium() -> None:
    """Debian's chromium, when missing and we are root with apt-get (as in CI); never a download of its own."""
    if CHROMIUM.exists() or os.geteuid() != 0 or shutil.which("apt-get") is None:
        return
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-qq", "chromium"]
    if subprocess.run(install, env=env, capture_output=True).returncode != 0:
        subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True)
        subprocess.run(install, env=env, capture_output=True)


@pytest.fixture(scope="session")
def chromium_browser():
    """A headless Debian Chromium driven by Playwright, once per run; skips with the reason when absent."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright (python) is not installed: pip install -e '.[dev]'")
    _install_chromium()
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent (apt-get install chromium, as root)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(chromium_browser):
    """A fresh page (1280x900) that fails the test on any script error or CSP violation."""
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("console", lambda message: problems.append(f"console {message.type}: {message.text}")
            if message.type == "error" else None)  # fmt: skip
    page.problems = problems
    yield page
    context.close()


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot as tests/artifacts/<name>.png (git-ignored)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def settings_for(db: Path) -> Settings:
    return dataclasses.replace(Settings.from_env(), db_path=db)
