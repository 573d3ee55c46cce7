"""Every internal link in the output resolves to a file and anchor; every backlink has its link."""
import pathlib
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from conftest import FIXTURES, build_site


class PageScan(HTMLParser):
    """Collects ids, outgoing URLs, and the links inside the backlinks section of one page."""

    def __init__(self):
        super().__init__()
        self.ids, self.urls, self.backlinks = set(), [], []
        self.content_links, self.is_document, self.alternates = [], False, []
        self._backlink_depth = 0
        self._content_depth = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "link" and attributes.get("rel") == "alternate" and attributes.get("hreflang"):
            self.alternates.append(attributes.get("href"))
        classes = (attributes.get("class") or "").split()
        if tag == "article" and "doc" in classes and "unavailable" not in classes:
            self.is_document = True
        if tag in ("div", "aside") and ({"doc-body", "doc-details"} & set(classes) or self._content_depth):
            self._content_depth += 1
        if tag == "a" and self._content_depth and attributes.get("href"):
            self.content_links.append(attributes["href"])
        if tag == "section" and "backlinks" in (attributes.get("class") or "").split():
            self._backlink_depth = 1
        elif tag == "section" and self._backlink_depth:
            self._backlink_depth += 1
        for name in ("href", "src"):
            if attributes.get(name) is not None and tag in ("a", "link", "img", "script"):
                self.urls.append(attributes[name])
                if tag == "a" and self._backlink_depth:
                    self.backlinks.append(attributes[name])

    def handle_endtag(self, tag):
        if tag == "section" and self._backlink_depth:
            self._backlink_depth -= 1
        if tag in ("div", "aside") and self._content_depth:
            self._content_depth -= 1


def scan_site(root: pathlib.Path) -> dict:
    pages = {}
    for path in sorted(root.rglob("*.html")):
        scan = PageScan()
        scan.feed(path.read_text(encoding="utf-8"))
        pages[path.resolve()] = scan
    return pages


def resolve(page: pathlib.Path, url: str):
    """The file and fragment an internal URL points to, or None for external URLs."""
    parts = urlsplit(url)
    if parts.scheme or url.startswith("//"):
        return None
    target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
    return target, unquote(parts.fragment)


def check_links(root: pathlib.Path) -> int:
    pages = scan_site(root)
    problems, checked = [], 0
    for page, scan in pages.items():
        for url in scan.urls:
            resolved = resolve(page, url)
            if resolved is None:
                continue
            target, fragment = resolved
            checked += 1
            if not target.is_file():
                problems.append(f"{page.relative_to(root)}: {url} -> missing file")
            elif fragment and target.suffix == ".html" and fragment not in pages[target].ids:
                problems.append(f"{page.relative_to(root)}: {url} -> missing anchor #{fragment}")
        for url in scan.backlinks:
            source, _ = resolve(page, url)
            links_back = any((resolve(source, u) or (None,))[0] == page for u in pages[source].urls)
            if not links_back:
                problems.append(f"{page.relative_to(root)} lists {url} as a backlink, but that page does not link here")
        # The converse: a document linking to another document from its body or details panel
        # appears in that document's "Referenced by".
        if scan.is_document:
            for url in scan.content_links:
                resolved = resolve(page, url)
                if resolved is None or resolved[0] == page or resolved[0] not in pages:
                    continue
                target = resolved[0]
                # Lists show each document once, in the reader's language: any version counts.
                versions = {page} | {r[0] for r in (resolve(page, u) for u in scan.alternates) if r}
                if pages[target].is_document and not any(
                        (resolve(target, u) or (None,))[0] in versions for u in pages[target].backlinks):
                    problems.append(f"{page.relative_to(root)} links to {url}, but is not in its backlinks")
    assert not problems, "\n".join(problems[:40])
    return checked


def test_bundled_site_links_and_backlinks(bundled_site):
    assert check_links(bundled_site) > 1000


def test_graph_fixture_links_and_backlinks(tmp_path):
    output = tmp_path / "public"
    build_site(FIXTURES / "graph", output)
    assert check_links(output) > 100
