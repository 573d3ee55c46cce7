"""Client-side search in a real browser: Playwright (from pip) driving Debian's Chromium.

One site is built per session by the `mosaic` binary from the repository's own hub with the
repository's theme (MOSAIC_THEME_DIR); Mosaic builds all of search itself: the index under
search/<lang>/, the search pages and the header search box. The site is served by http.server under a
sub-path on 127.0.0.1 and also opened from its folder (file://). The format checks at the end hold the
index to the client's contract, decoding its number strings with `search_fixture.py`.

Needs: pip install playwright==1.65.2 axe-playwright-python; apt-get install chromium. Never
`playwright install`: Debian's /usr/bin/chromium is used.
"""
import functools
import http.server
import os
import pathlib
import re
import subprocess
import threading
import urllib.parse

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

import search_fixture
from conftest import ROOT, mosaic_binary

THEME = ROOT / "Sources" / "MosaicCore" / "Resources" / "theme"
SUB_PATH = "lip-hub"  # the site is served from http://127.0.0.1:PORT/lip-hub/
MODES = ["http", "file"]
PAGE_SIZE = 10  # results shown at first, and added by each "show more"
CONFIG = yaml.safe_load((ROOT / "mosaic.yml").read_text(encoding="utf-8"))

expect.set_options(timeout=8000)


# ------------------------------------------------------------------------------------------------
# Fixtures: one built site and one server per session; `browser` (one Chromium per session) is conftest's


@pytest.fixture(scope="session")
def search_site(tmp_path_factory) -> pathlib.Path:
    site = tmp_path_factory.mktemp("search") / "www" / SUB_PATH
    environment = dict(os.environ, MOSAIC_THEME_DIR=str(THEME))
    result = subprocess.run([mosaic_binary(), "build", "--source", str(ROOT), "--output", str(site), "--quiet"],
                            capture_output=True, text=True, check=False, env=environment)
    assert result.returncode == 0, result.stderr
    assert (site / "search" / "en" / "manifest.js").is_file()
    assert (site / "en" / "search" / "index.html").is_file()
    assert (site / "assets" / "search.js").is_file()
    return site


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session")
def server(search_site):
    handler = functools.partial(QuietHandler, directory=str(search_site.parent))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/{SUB_PATH}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def url(search_site, server):
    """url(mode, "en/search/index.html?q=x") for mode "http" or "file"."""
    def make(mode: str, path: str) -> str:
        path, _, query = path.partition("?")
        base = server + path if mode == "http" else (search_site / path).as_uri()
        return base + ("?" + query if query else "")
    return make


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


# ------------------------------------------------------------------------------------------------
# Helpers


def results(page):
    return page.locator("#mosaic-search-results > li")


def wait_for_query(page, query: str) -> int:
    """Waits until the results for `query` are on the page; returns how many match (all pages)."""
    expect(page.locator("#mosaic-search-results")).to_have_attribute("data-query", query)
    return int(page.locator("#mosaic-search-results").get_attribute("data-count"))


def facet_counts(page, name: str) -> dict:
    counts = {}
    for item in page.locator(f'fieldset[data-facet="{name}"] li').all():
        label = item.locator(".facet-label").inner_text()
        counts[label] = int(re.sub(r"\D", "", item.locator(".facet-count").inner_text()))
    return counts


def facet_box(page, name: str, label: str):
    return page.locator(f'fieldset[data-facet="{name}"] li').filter(
        has=page.locator(".facet-label", has_text=re.compile("^" + re.escape(label) + "$"))).locator("input")


def expect_count(page, count: int):
    expect(page.locator("#mosaic-search-results")).to_have_attribute("data-count", str(count))


def tab_until(page, predicate: str, limit: int = 40) -> int:
    """Presses Tab until `predicate` (JS over `el`, the focused element) holds; returns the presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!({predicate}); }})()"):
            return presses
    raise AssertionError(f"Tab never reached: {predicate}")


# ------------------------------------------------------------------------------------------------
# Searching


@pytest.mark.parametrize("mode", MODES)
def test_typing_shows_ranked_results(page, url, mode):
    page.goto(url(mode, "en/search/index.html"))
    box = page.locator("#mosaic-search-q")
    box.press_sequentially("chart", delay=40)  # the last word is matched as a prefix while typing
    assert wait_for_query(page, "chart") > 0
    box.press_sequentially("er", delay=40)
    count = wait_for_query(page, "charter")
    assert count >= 2
    scores = [float(score) for score in results(page).evaluate_all("items => items.map(i => i.dataset.score)")]
    assert scores == sorted(scores, reverse=True), "results are ranked by score"
    titles = results(page).locator(".item-title a").all_inner_texts()
    assert "Integrating Cities Charter (Toronto)" in titles[:3]
    assert "Bow Valley workplace inclusivity charter and certification" in titles[:3]
    assert results(page).first.locator("mark").first.inner_text().lower() == "charter"
    assert results(page).first.locator(".item-type").inner_text()
    if mode == "http":
        assert urllib.parse.urlparse(page.url).query == "q=charter", "the query is kept in the URL"
    first = titles[0]
    results(page).first.locator(".item-title a").click()
    expect(page.locator("h1")).to_have_text(first)


@pytest.mark.parametrize("mode", MODES)
def test_deep_link_runs_the_query(page, url, mode):
    page.goto(url(mode, "en/search/index.html?q=welcome%20pass"))
    expect(page.locator("#mosaic-search-q")).to_have_value("welcome pass")
    assert wait_for_query(page, "welcome pass") >= 1
    expect(results(page).first.locator(".item-title a")).to_have_text("Peterborough Welcome Pass Program")
    expect(results(page).first.locator(".item-lip")).to_contain_text("Peterborough")
    if mode == "http":  # a folder URL (how most hosts serve index.html) resolves the index the same way
        page.goto(url(mode, "en/search/?q=welcome%20pass"))
        assert wait_for_query(page, "welcome pass") >= 1
        results(page).first.locator(".item-title a").click()
        expect(page.locator("h1")).to_have_text("Peterborough Welcome Pass Program")


@pytest.mark.parametrize("mode", MODES)
def test_header_search_box_submits_to_the_search_page(page, url, mode):
    page.goto(url(mode, "en/practices/index.html"))
    landmark = page.get_by_role("search", name=re.compile("Search the hub"))
    expect(landmark).to_have_count(1)
    landmark.get_by_role("searchbox").fill("charter")
    landmark.get_by_role("searchbox").press("Enter")
    expect(page).to_have_url(re.compile(r"/en/search/index\.html\?q=charter$"))
    assert wait_for_query(page, "charter") >= 2


@pytest.mark.parametrize("mode", MODES)
def test_a_facet_narrows_results_and_its_counts_follow_the_query(page, url, mode):
    page.goto(url(mode, "en/search/index.html?q=immigration"))
    total = wait_for_query(page, "immigration")
    counts = facet_counts(page, "type")
    assert sum(counts.values()) == total, "every result has one type"
    label, count = next((l, c) for l, c in sorted(counts.items(), key=lambda item: -item[1]) if 0 < c < total)
    facet_box(page, "type", label).check()
    expect_count(page, count)
    expect(page.locator("#mosaic-search-status")).to_contain_text(f"{count} results")
    assert set(results(page).locator(".item-type").all_inner_texts()) == {label}
    # Other facets now count within the checked type; this facet keeps counting the whole query.
    assert sum(facet_counts(page, "language").values()) == count
    assert facet_counts(page, "type") == counts
    # A new query recounts, keeps the filter, and the checked value's count is the new total.
    page.locator("#mosaic-search-q").fill("charter")
    narrowed = wait_for_query(page, "charter")
    new_counts = facet_counts(page, "type")
    assert new_counts != counts
    assert new_counts.get(label, 0) == narrowed
    expect(facet_box(page, "type", label)).to_be_checked()


@pytest.mark.parametrize("mode", MODES)
def test_two_facets_combine(page, url, mode):
    page.goto(url(mode, "en/search/index.html?q=immigration"))
    total = wait_for_query(page, "immigration")
    types = facet_counts(page, "type")
    for type_label, type_count in sorted(types.items(), key=lambda item: -item[1]):
        facet_box(page, "type", type_label).check()
        expect_count(page, type_count)
        candidates = {l: c for l, c in facet_counts(page, "characteristic").items() if 0 < c < type_count}
        if len(candidates) >= 2:
            break
        facet_box(page, "type", type_label).uncheck()
        expect_count(page, total)
    else:
        pytest.fail("no type whose results split by characteristic")
    (first, a), (second, b) = sorted(candidates.items(), key=lambda item: (-item[1], item[0]))[:2]
    facet_box(page, "characteristic", first).check()  # AND across facets
    expect_count(page, a)
    assert set(results(page).locator(".item-type").all_inner_texts()) == {type_label}
    assert facet_counts(page, "characteristic")[second] == b, "a facet's counts ignore its own selection"
    facet_box(page, "characteristic", second).check()  # OR within a facet
    expect(page.locator("#mosaic-search-results")).not_to_have_attribute("data-count", str(a))
    both = int(page.locator("#mosaic-search-results").get_attribute("data-count"))
    assert max(a, b) <= both <= min(a + b, type_count)
    page.get_by_role("button", name="Clear all filters").click()
    expect_count(page, total)
    expect(page.locator("#mosaic-search-q")).to_be_focused()


# ------------------------------------------------------------------------------------------------
# Keyboard and screen readers


@pytest.mark.parametrize("mode", MODES)
def test_keyboard_only(page, url, mode):
    page.goto(url(mode, "en/search/index.html"))
    tab_until(page, "el.id === 'mosaic-search-q'")
    page.keyboard.type("charter")
    assert wait_for_query(page, "charter") >= 2
    presses = tab_until(page, "el === document.querySelector('#mosaic-search-results > li a')", limit=6)
    assert presses <= 3, "only the submit button and the language switch come before the first result"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", ""), "the focused result link shows its focus"
    title = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text(title)


@pytest.mark.parametrize("mode", MODES)
def test_enter_in_the_box_searches_at_once(page, url, mode):
    page.goto(url(mode, "en/search/index.html"))
    page.locator("#mosaic-search-q").fill("housing")
    page.keyboard.press("Enter")
    count = wait_for_query(page, "housing")
    status = page.locator('[role="status"][aria-live="polite"]')
    expect(status).to_have_text(f"{count} results for “housing”.")


@pytest.mark.parametrize("mode", MODES)
def test_live_region_announces_the_count(page, url, mode):
    page.goto(url(mode, "en/search/index.html"))
    status = page.locator('[aria-live="polite"]')
    expect(status).to_have_count(1)
    expect(status).to_have_attribute("role", "status")
    page.locator("#mosaic-search-q").press_sequentially("charter", delay=30)
    count = wait_for_query(page, "charter")
    expect(status).to_have_text(f"{count} results for “charter”.")
    page.locator("#mosaic-search-q").fill("zzzqqqxxx")
    expect(status).to_have_text("No results for “zzzqqqxxx”.")


# ------------------------------------------------------------------------------------------------
# Languages


@pytest.mark.parametrize("mode", MODES)
def test_french_page_searches_french_and_can_add_english(page, url, mode):
    page.goto(url(mode, "fr/search/index.html?q=immigration"))
    french = wait_for_query(page, "immigration")
    assert french > 0
    assert set(results(page).evaluate_all("items => items.map(i => i.dataset.lang)")) == {"fr"}
    expect(results(page).locator(".lang-badge")).to_have_count(0)
    expect(page.locator("#mosaic-search-status")).to_contain_text("résultat")
    both = page.get_by_label("Rechercher dans les deux langues")
    expect(both).not_to_be_checked()
    both.check()
    expect(page.locator("#mosaic-search-results")).not_to_have_attribute("data-count", str(french))
    total = int(page.locator("#mosaic-search-results").get_attribute("data-count"))
    assert total > french
    assert total > PAGE_SIZE, "enough results for a second page"
    expect(results(page)).to_have_count(PAGE_SIZE)
    page.get_by_role("button", name="Afficher plus de résultats").click()
    expect(results(page)).to_have_count(min(total, 2 * PAGE_SIZE))
    expect(results(page).nth(PAGE_SIZE).locator(".item-title a")).to_be_focused()
    languages = results(page).evaluate_all("items => items.map(i => i.dataset.lang)")
    assert {"fr", "en"} <= set(languages), "each language's best matches come first"
    english = results(page).filter(has=page.locator('a[hreflang="en"]')).first
    expect(english.locator(".lang-badge")).to_have_text("EN")
    expect(english.locator(".item-title a")).to_have_attribute("lang", "en")
    if mode == "http":
        assert "both=1" in page.url
    # The language facet names both languages in French and filters by the document's language.
    languages_facet = facet_counts(page, "language")
    assert len(languages_facet) == 2 and sum(languages_facet.values()) == total
    english_label = next(label for label in languages_facet if label.lower() == "anglais")
    facet_box(page, "language", english_label).check()
    expect_count(page, languages_facet[english_label])
    assert set(results(page).evaluate_all("items => items.map(i => i.dataset.lang)")) == {"en"}
    # Back to French only: the English filter no longer applies.
    both.uncheck()
    expect_count(page, french)


@pytest.mark.parametrize("mode", MODES)
def test_without_javascript_the_page_says_so_and_links_to_browse_pages(browser, url, mode):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(url(mode, "en/search/index.html?q=charter"))
        notice = page.locator(".search-noscript")
        expect(notice).to_be_visible()
        expect(notice).to_contain_text("JavaScript")
        links = notice.locator("a")
        expect(links).to_have_count(len(CONFIG["sections"]))
        first = CONFIG["sections"][0]["title"]["en"]
        notice.get_by_role("link", name=first).click()
        expect(page.locator("h1")).to_have_text(first)
    finally:
        context.close()


@pytest.mark.parametrize("mode", MODES)
def test_folding_matches_the_index_builder(page, url, mode):
    page.goto(url(mode, "en/search/index.html"))
    samples = ["Œuvre d’ÉTÉ", "Straße", "Ærø naïve façade", "l'immigration francophone", "Ｆｕｌｌ２０１６",
               "İstanbul", "e\u0301cole", "ÉCOLE-Métis_Nation", "2011–2016 (p. 12)", "Dänemark ångström"]
    for text in samples:
        assert page.evaluate("t => MosaicSearch.words(t)", text) == search_fixture.words(text), text


# ------------------------------------------------------------------------------------------------
# Accessibility (axe-core)

AXE_PAGES = [
    "en/index.html",
    "en/practices/peterborough-welcome-pass/index.html",
    "en/lips/peterborough-lip/index.html",
    "en/characteristics/fostering-social-capital/index.html",
    "en/search/index.html",
    "en/search/index.html?q=immigration",
    "fr/index.html",
    "fr/practices/programme-welcome-pass-peterborough/index.html",
    "fr/lips/pli-peterborough/index.html",
    "fr/characteristics/fostering-social-capital/index.html",
    "fr/search/index.html",
    "fr/search/index.html?q=immigration&both=1",
]


@pytest.mark.parametrize("path", AXE_PAGES)
def test_axe_finds_no_violations(page, url, path):
    page.goto(url("http", path))
    if "?q=" in path:
        wait_for_query(page, "immigration")
        expect(page.locator(".search-filters")).to_be_visible()
        expect(page.locator("#mosaic-search-status")).not_to_be_empty()
    result = Axe().run(page)
    assert result.violations_count == 0, result.generate_report()


# ------------------------------------------------------------------------------------------------
# The index's format: the contract between the builder and search.js


def js_less_equal(a: str, b: str) -> bool:
    return search_fixture.js_order(a) <= search_fixture.js_order(b)


@pytest.mark.parametrize("language", CONFIG["languages"])
def test_index_format(search_site, language):
    check_index_format(search_site / "search" / language, language, search_site)


def check_index_format(folder: pathlib.Path, language: str, site: pathlib.Path):
    kind, code, manifest = search_fixture.read_data_file(folder / "manifest.js")
    assert (kind, code) == ("manifest", language)
    assert manifest["version"] == 1 and manifest["language"] == language
    count = manifest["documentCount"]
    assert isinstance(count, int) and count > 0
    stopwords = set(manifest["stopwords"])
    assert all(isinstance(word, str) and search_fixture.fold(word) == word for word in stopwords)
    assert all(isinstance(group, list) and all(isinstance(word, str) for word in group) for group in manifest["synonyms"])
    labels = manifest.get("labels", {})  # facet legends; optional (search.js falls back on i18n strings)
    assert isinstance(labels, dict) and all(isinstance(text, str) for text in labels.values())
    chunks = manifest["chunks"]
    assert chunks
    for previous, chunk in zip(chunks, chunks[1:]):
        assert not js_less_equal(chunk["from"], previous["to"]), "chunk ranges are sorted and do not overlap"
    for chunk in chunks:
        assert js_less_equal(chunk["from"], chunk["to"])
        kind, code, payload = search_fixture.read_data_file(folder / chunk["file"])
        assert (kind, code) == ("chunk", language)
        postings = payload["postings"]
        assert set(payload["words"].values()) == set(range(len(postings))), "every list is used"
        for word, slot in payload["words"].items():
            assert js_less_equal(chunk["from"], word) and js_less_equal(word, chunk["to"]), (chunk["file"], word)
            assert search_fixture.words(word) == [word], f"{word!r} is not a folded word"
            assert word not in stopwords, word
        for string in postings:
            check_postings(string, count)

    kind, code, facets = search_fixture.read_data_file(folder / manifest["facets"]["file"])
    assert (kind, code) == ("facets", language)
    check_facets(facets, count)

    for doc, path in fragment_files(folder, manifest, count).items():
        kind, code, fragment = search_fixture.read_data_file(path)
        assert (kind, code) == ("fragment", language)
        assert fragment["doc"] == int(doc)
        for key in ("title", "url", "type", "lip", "date", "dateText", "language", "text"):
            assert isinstance(fragment.get(key), str), (doc, key)
        assert (site / fragment["url"]).is_file(), fragment["url"]
        assert len(fragment["text"]) <= 3500


def check_postings(string, count: int):
    """A chunk's postings string: (document, score) pairs, documents strictly increasing and in range."""
    assert isinstance(string, str) and string, "a postings list is a non-empty string"
    pairs = search_fixture.postings(string)
    documents = [doc for doc, _ in pairs]
    assert documents == sorted(set(documents)), f"documents not strictly increasing: {documents[:20]}"
    assert all(0 <= doc < count for doc in documents), documents
    assert all(score >= 1 for _, score in pairs), pairs


def check_facets(facets: dict, count: int):
    """The facets payload: per facet, value labels and documents lists; rows rebuilt from them."""
    names = ["type", "lip", "characteristic", "language", "year"]
    assert facets["names"] == names
    assert facets["documentCount"] == count
    values = facets["values"]
    assert set(values) == set(names) and all(isinstance(label, str) for name in names for label in values[name])
    keys = facets["keys"]
    assert "language" not in keys, "the client names the language facet itself"
    assert all(len(keys[name]) == len(values[name]) for name in keys), "one stable id per value"
    uniform, lists = facets.get("uniform", {}), facets["lists"]
    assert uniform.get("language") == 0, "each index holds one language, every document has it"
    for name, index in uniform.items():
        assert name not in lists and 0 <= index < len(values[name]), (name, index)
    assert set(lists) == set(names) - set(uniform), sorted(lists)
    for name, strings in lists.items():
        assert len(strings) == len(values[name]), f"one list per {name} value"
        for value, string in enumerate(strings):
            assert isinstance(string, str) and search_fixture.decode_numbers(string)[:1] in ([0], [1]), \
                f"{name} value {value}: a list starts with mode 0 or 1"
            documents = search_fixture.document_set(string)
            assert documents, f"{name} value {value} has no document"
            assert documents == sorted(set(documents)), (name, value, documents[:20])
            assert all(0 <= doc < count for doc in documents), (name, value)
    for name in ("type", "year"):  # single-valued
        members = [doc for string in lists.get(name, []) for doc in search_fixture.document_set(string)]
        assert len(members) == len(set(members)), f"a document is in two {name} lists"
    rows = search_fixture.facet_rows(facets)
    assert len(rows) == count
    for row in rows:
        type_index, lips, characteristics, language_index, year_index = row
        assert -1 <= type_index < len(values["type"])
        assert all(0 <= i < len(values["lip"]) for i in lips)
        assert all(0 <= i < len(values["characteristic"]) for i in characteristics)
        assert 0 <= language_index < len(values["language"])
        assert -1 <= year_index < len(values["year"])


def fragment_files(folder, manifest, count):
    """Document number -> fragment file: a content-hashed folder (`"f-<hash>/"` + `<doc>.js`) or,
    in the older form, an object of per-document names under `f/`."""
    fragments = manifest["fragments"]
    if isinstance(fragments, str):
        assert re.fullmatch(r"f-[0-9a-f]{16}/", fragments), fragments
        return {str(doc): folder / fragments / f"{doc}.js" for doc in range(count)}
    assert isinstance(fragments, dict) and sorted(fragments, key=int) == [str(n) for n in range(count)]
    return {doc: folder / "f" / name for doc, name in fragments.items()}


def test_index_finds_documents_by_their_title_words(search_site):
    """Every English document is found by the words of its title (stopwords aside)."""
    folder = search_site / "search" / "en"
    manifest = search_fixture.read_data_file(folder / "manifest.js")[2]
    chunks = [(c, search_fixture.read_data_file(folder / c["file"])[2]) for c in manifest["chunks"]]
    stopwords = set(manifest["stopwords"])
    for doc, path in fragment_files(folder, manifest, manifest["documentCount"]).items():
        fragment = search_fixture.read_data_file(path)[2]
        for word in search_fixture.words(fragment["title"]):
            if word in stopwords:
                continue
            chunk, payload = next(((c, p) for c, p in chunks
                                   if js_less_equal(c["from"], word) and js_less_equal(word, c["to"])), (None, None))
            assert payload and word in payload["words"], (fragment["title"], word)
            documents = [number for number, _ in search_fixture.postings(payload["postings"][payload["words"][word]])]
            assert int(doc) in documents, (fragment["title"], word)
