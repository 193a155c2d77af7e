"""The dashboard in Debian's Chromium (Playwright): trend, events, an event's highlighted article,
quotes, network, live coding, the token refusal and an article full of markup.

The server is a real uvicorn on 127.0.0.1 over a store of tests/fixtures/articles/api_dashboard.jsonl
coded by the real pipeline (12 events), plus a hand-coded Israel -> Palestine series whose last
week raises an escalation alert (28 events). Screenshots of each view go to tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import expect

from _api_fixtures import (  # noqa: F401  (fixtures)
    ARTICLES_JSONL, TOKEN, alert_series, chromium_browser, fill_store, page, screenshot, start_server,
)

from flashpoint.ingest import read

pytestmark = [pytest.mark.browser, pytest.mark.model]

PASTED = "Venezuelan troops seized two Guyanese fishing boats on Saturday. The president of Guyana accused Caracas of piracy."


@pytest.fixture(scope="module")
def server(tmp_path_factory, coder):
    db = tmp_path_factory.mktemp("dashboard") / "dashboard.duckdb"
    fill_store(db, [*coder.pipe(list(read(ARTICLES_JSONL))), *alert_series()])
    with start_server(db, coder) as running:
        yield running


def _open(page, server, view: str):
    page.goto(f"{server.url}/#{view}")
    return page


def _cells(page, selector: str) -> list[list[str]]:
    return page.eval_on_selector_all(selector, "rows => rows.map(r => Array.from(r.cells).map(c => c.textContent))")


def _no_problems(page):
    assert page.problems == [], page.problems


def test_dashboard_trend_of_the_busiest_dyad(page, server):
    _open(page, server, "trend")
    page.wait_for_selector("#trend-chart[data-drawn] .main-svg")
    assert (page.input_value("#trend-source"), page.input_value("#trend-target")) == ("ISR", "PSE")
    assert page.get_attribute("#trend-chart", "data-periods") == "9"
    # Four QuadClass bar traces, the Goldstein and escalation lines, and the alert markers.
    assert page.eval_on_selector("#trend-chart", "chart => chart.data.map(t => [t.name, t.x.length])") == [
        ["verbal cooperation", 9], ["material cooperation", 9], ["verbal conflict", 9], ["material conflict", 9],
        ["mean Goldstein", 9], ["escalation index", 9], ["alert", 1],
    ]  # fmt: skip
    assert page.locator("#trend-alerts li").all_text_contents() == [
        "2023-02-27: escalation index 23.40, 4 events, mean Goldstein -10.00"]
    screenshot(page, "trend")
    page.select_option("#trend-source", "VEN")
    page.select_option("#trend-target", "GUY")
    page.select_option("#trend-form select[name=freq]", "day")
    page.click("#trend-form button[type=submit]")
    expect(page.locator("#trend-chart")).to_have_attribute("data-periods", "22")
    assert page.locator("#trend-alerts li").all_text_contents() == ["No alerts in this period."]
    _no_problems(page)


def test_dashboard_events_filter_and_open_an_event(page, server):
    _open(page, server, "events")
    page.wait_for_selector("#events-table tbody tr")
    assert page.text_content("#events-count") == "40 events, most recent first"
    page.fill("#events-form input[name=source]", "VEN")
    page.fill("#events-form input[name=target]", "GUY")
    page.click("#events-form button[type=submit]")
    expect(page.locator("#events-count")).to_have_text("4 events, most recent first")
    rows = _cells(page, "#events-table tbody tr")
    assert [(r[0], r[1], r[2], r[3], r[4]) for r in rows] == [
        ("2023-04-03", "VEN (Venezuela)", "held talks", "GUY (Guyana)", "046"),
        ("2023-03-27", "VEN (Venezuela)", "accused", "GUY (Guyana)", "1123"),
        ("2023-03-18", "VENMIL (Venezuelan troops)", "seized", "GUY (Guyanese fishing boats)", "1711"),
        ("2023-03-13", "VEN (Venezuela)", "deployed", "GUY (coast of Guyana)", "154"),
    ]
    assert rows[2][6] == "Venezuelan troops seized two Guyanese fishing boats on Saturday."
    screenshot(page, "events")
    page.click("#events-table tbody tr:nth-child(3)")
    page.wait_for_selector("#view-article:not([hidden]) #article-text mark.act")
    assert page.text_content("#article-title") == "Fishing boats seized"
    assert page.text_content("#article-text mark.src") == "Venezuelan troops"
    assert page.text_content("#article-text mark.act") == "seized"
    assert page.text_content("#article-text mark.tgt") == "Guyanese fishing boats"
    # The rest of the event's sentence is shaded; the other sentences are plain text.
    assert page.locator("#article-text span.sent").all_text_contents() == [" ", " two ", " on Saturday."]
    facts = dict(zip(page.locator("#event-facts dt").all_text_contents(), page.locator("#event-facts dd").all_text_contents()))
    assert (facts["Event"], facts["Rule"], facts["Mode"], facts["Place"]) == ("1711 Confiscate property", "seize.property", "asserted", "-")
    # The article text is intact around the marks: the stored text is the title, a blank line
    # and the body (coding/title.py).
    assert page.text_content("#article-text").startswith(
        "Fishing boats seized\n\nVenezuelan troops seized two Guyanese fishing boats on Saturday."
    )
    screenshot(page, "event")
    _no_problems(page)


def test_dashboard_article_with_markup_renders_as_text(page, server):
    _open(page, server, "article/gy-effigy")
    page.wait_for_selector("#article-text mark.act")
    assert page.text_content("#article-title") == "<img src=x onerror=\"document.title='pwned'\"> Effigy burned"
    text = page.text_content("#article-text")
    assert '<script>document.title="pwned"</script>' in text and "<img src=x onerror=alert(1)>" in text
    assert page.locator("#view-article script, #view-article img").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0  # its url is javascript:, shown as no link
    assert page.text_content("#article-meta").startswith("<b>Wire</b> · 2023-03-27")
    _open(page, server, "events")
    page.wait_for_selector("#events-table tbody tr")
    assert page.locator("#events-table script, #events-table img").count() == 0
    assert page.title() == "flashpoint"
    screenshot(page, "xss")
    _no_problems(page)


def test_dashboard_paste_an_article_and_see_its_events(page, server, tmp_path):
    articles_before = httpx.get(f"{server.url}/api/health").json()["counts"]["articles"]
    _open(page, server, "code")
    upload = tmp_path / "pasted.txt"
    upload.write_text(PASTED)
    page.set_input_files("#code-file", str(upload))
    expect(page.locator("#code-text")).to_have_value(PASTED)
    assert page.input_value("#code-text") == PASTED
    page.fill("#code-date", "2023-03-20")
    page.click("#code-run")
    page.wait_for_selector("#code-events tbody tr")
    assert page.text_content("#code-status") == "2 events, 0 quotes (not stored)."
    assert _cells(page, "#code-events tbody tr") == [
        ["VENMIL (Venezuelan troops)", "seized", "GUY (Guyanese fishing boats)", "1711", "asserted", "seize.property"],
        ["GUYGOV (president of Guyana)", "accused", "VENGOV (Caracas)", "112", "asserted", "accuse"],
    ]
    assert page.locator("#code-result mark.act").all_text_contents() == ["seized", "accused"]
    page.click("#code-events tbody tr:nth-child(2)")
    marks = page.locator("#code-result mark")
    assert [(m.get_attribute("class"), m.text_content()) for m in marks.all()] == [
        ("src", "president of Guyana"), ("act", "accused"), ("tgt", "Caracas")]
    screenshot(page, "code")
    assert httpx.get(f"{server.url}/api/health").json()["counts"]["articles"] == articles_before
    _no_problems(page)


def test_dashboard_store_needs_the_token(page, server):
    _open(page, server, "code")
    page.fill("#code-text", "Brazil praised Guyana for the agreement.")
    page.click("#view-code summary")
    page.click("#code-store")
    expect(page.locator("#code-status")).to_have_class("error")
    assert page.text_content("#code-status").startswith("POST /api/articles needs a bearer token")
    screenshot(page, "token-refused")
    page.fill("#code-token", "not-the-token")
    page.click("#code-store")
    expect(page.locator("#code-status")).to_have_text("the bearer token is not this server's token")
    page.fill("#code-token", TOKEN)
    page.click("#code-store")
    page.wait_for_selector("#code-status a")
    assert page.text_content("#code-status") == "Stored 1 events. Open the stored article"
    page.click("#code-status a")
    page.wait_for_selector("#article-text mark.act")
    assert page.text_content("#article-text mark.act") == "praised"
    # Console errors here are the refused requests themselves (401, 403): expected.
    assert all("401" in p or "403" in p for p in page.problems), page.problems


def test_dashboard_quotes_by_speaker(page, server):
    _open(page, server, "quotes")
    page.wait_for_selector("#speakers button")
    assert page.locator("#speakers button").all_text_contents() == ["GUYGOV (he) – 1"]
    page.click("#speakers button")
    page.wait_for_selector("#speaker-quotes blockquote")
    assert page.text_content("#speaker-quotes blockquote") == "We will defend every inch of our territory"
    assert page.text_content("#speaker-quotes figcaption") == "GUYGOV (he), told (direct) in gy-boats"
    screenshot(page, "quotes")
    _no_problems(page)


def test_dashboard_actor_network(page, server):
    _open(page, server, "network")
    page.wait_for_selector("#network svg path.edge")
    rows = _cells(page, "#network-table tbody tr")
    # GUY -> IGO is 1 since events with no known source are set apart (coding/coder.py)
    assert [r[:3] for r in rows[:3]] == [["ISR", "PSE", "28"], ["VEN", "GUY", "4"], ["GUY", "VEN", "2"]]
    # 7 nodes: "Brazil urged both governments to resume talks" codes BRA -> GOV since a bare
    # role no longer borrows its country from the other argument (coding/participants.py)
    assert page.locator("#network svg g.node").count() == 7
    screenshot(page, "network")
    page.click("#network-table tbody tr:nth-child(2)")
    expect(page.locator("#events-count")).to_have_text("4 events, most recent first")
    assert page.input_value("#events-form input[name=source]") == "VEN"
    _no_problems(page)


def test_api_docs_page_without_cdn(page, server):
    page.goto(f"{server.url}/docs")
    page.wait_for_selector(".swagger-ui .opblock")
    paths = page.locator(".opblock-summary-path").all_text_contents()
    assert "/api/events" in paths and "/api/articles" in paths
    screenshot(page, "docs")
    _no_problems(page)
