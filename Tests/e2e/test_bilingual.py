"""Feeds parse as Atom, sitemap alternates are symmetric, and French pages carry no English UI text."""
import pathlib
import re
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser

import yaml

from conftest import FIXTURES, ROOT, build_site

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def built_fixture(tmp_path):
    output = tmp_path / "public"
    build_site(FIXTURES / "bilingual", output)
    return output


def test_feeds_are_atom(tmp_path):
    output = built_fixture(tmp_path)
    feeds = sorted(output.rglob("feed.xml"))
    assert len(feeds) >= 4  # per language: the hub and the section
    for feed in feeds:
        root = ElementTree.parse(feed).getroot()
        assert root.tag == ATOM + "feed", feed
        for required in ("id", "title", "updated"):
            assert root.find(ATOM + required) is not None, (feed, required)
        entries = root.findall(ATOM + "entry")
        for entry in entries:
            for required in ("id", "title", "updated", "link"):
                assert entry.find(ATOM + required) is not None, (feed, required)
            link = entry.find(ATOM + "link").get("href")
            assert (feed.parent / link).resolve().is_file(), (feed, link)
    hub = ElementTree.parse(output / "fr" / "feed.xml").getroot()
    titles = [entry.find(ATOM + "title").text for entry in hub.findall(ATOM + "entry")]
    assert "Laissez-passer de bienvenue" in titles and "Mentoring program" in titles
    page = (output / "en" / "index.html").read_text(encoding="utf-8")
    assert 'type="application/atom+xml"' in page and 'href="feed.xml"' in page


def test_sitemap_alternates_are_symmetric(tmp_path):
    output = built_fixture(tmp_path)
    root = ElementTree.parse(output / "sitemap.xml").getroot()
    alternates = {}
    for url in root.findall(SITEMAP + "url"):
        location = url.find(SITEMAP + "loc").text
        assert location.startswith("https://hub.example/sub/")
        alternates[location] = {link.get("hreflang"): link.get("href") for link in url.findall(XHTML + "link")}
    assert "https://hub.example/sub/en/practices/welcome-pass/" in alternates
    for location, links in alternates.items():
        for language, other in links.items():
            assert other in alternates, (location, other)
            assert alternates[other] == links, (location, other)
    assert alternates["https://hub.example/sub/en/practices/job-fair/"]["fr"] == "https://hub.example/sub/fr/practices/salon-emploi/"
    assert not any("/fr/practices/mentoring/" in loc for loc in alternates), "notice pages are not in the sitemap"


CONTENT_CLASSES = {"doc-body", "toc", "item-title", "item-summary", "lead", "definition"}


class VisibleText(HTMLParser):
    """Interface text: outside <head>, <script>, <style>, the Markdown body, and other-language elements."""

    def __init__(self):
        super().__init__()
        self.stack, self.text = [], []

    def handle_starttag(self, tag, attrs):
        if tag in ("meta", "link", "br", "img", "input", "hr"):
            return
        attributes = dict(attrs)
        language = attributes.get("lang")
        # Interface text only: the head repeats the document's title, the Markdown body is the
        # author's (it may quote English names), and other-language content is marked with lang.
        # Field values (<dd>), titles, summaries and definitions are content too: they may quote
        # English proper names (an original title, "Welcoming Communities Initiative").
        classes = set((attributes.get("class") or "").split())
        foreign = (tag in ("script", "style", "head", "dd", "h1") or bool(classes & CONTENT_CLASSES)
                   or (language is not None and not language.lower().startswith("fr")))
        self.stack.append((tag, foreign or (self.stack[-1][1] if self.stack else False)))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not (self.stack and self.stack[-1][1]):
            self.text.append(data)


def english_strings():
    """Interface strings whose English text differs from the French one (theme and site files)."""
    english, french = {}, {}
    for folder in (ROOT / "Sources/MosaicCore/Resources/theme/i18n", ROOT / "i18n"):
        if (folder / "en.yml").exists():
            english.update(yaml.safe_load((folder / "en.yml").read_text(encoding="utf-8")) or {})
            french.update(yaml.safe_load((folder / "fr.yml").read_text(encoding="utf-8")) or {})
    return sorted({text for key, text in english.items()
                   if isinstance(text, str) and len(text) >= 4 and "{" not in text
                   and text != french.get(key) and not key.startswith("language_name")})


def test_no_english_interface_text_on_french_pages(bundled_site):
    strings = english_strings()
    assert len(strings) > 50
    problems = []
    for page in sorted((bundled_site / "fr").rglob("*.html")):
        parser = VisibleText()
        parser.feed(page.read_text(encoding="utf-8"))
        text = " ".join(" ".join(parser.text).split())
        problems += [f"{page.relative_to(bundled_site)}: {s!r}" for s in strings
                     if re.search(r"(?<!\w)" + re.escape(s) + r"(?!\w)", text)]
    assert not problems, "\n".join(problems[:30])
