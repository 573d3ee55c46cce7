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
        self._backlink_depth = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
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
    assert not problems, "\n".join(problems[:40])
    return checked


def test_bundled_site_links_and_backlinks(bundled_site):
    assert check_links(bundled_site) > 1000


def test_graph_fixture_links_and_backlinks(tmp_path):
    output = tmp_path / "public"
    build_site(FIXTURES / "graph", output)
    assert check_links(output) > 100
