"""The search index Mosaic writes: per language, hashed chunks behind a manifest, stems shared by
word forms, accent-folded words, synonyms, and script-tag loading only (no fetch)."""
import json
import pathlib
import re

from conftest import ROOT

WRAPPER = re.compile(r'^window\.__mosaicSearch\("(\w+)","(\w+)",(.*)\);\n$', re.S)


def payload(path: pathlib.Path):
    match = WRAPPER.match(path.read_text(encoding="utf-8"))
    assert match, path
    return match.group(1), match.group(2), json.loads(match.group(3))


def index(site: pathlib.Path, language: str):
    folder = site / "search" / language
    kind, lang, manifest = payload(folder / "manifest.js")
    assert (kind, lang) == ("manifest", language)
    words = {}
    for chunk in manifest["chunks"]:
        assert re.fullmatch(r"c\d+-[0-9a-f]{16}\.js", chunk["file"]), chunk
        kind, _, data = payload(folder / chunk["file"])
        assert kind == "chunk"
        for word, slot in data["words"].items():
            assert chunk["from"] <= word <= chunk["to"], (word, chunk)
            words[word] = (chunk["file"], slot)
    assert re.fullmatch(r"f-[0-9a-f]{16}/", manifest["fragments"]), "fragments sit in one content-hashed folder"
    for doc in range(manifest["documentCount"]):
        assert (folder / manifest["fragments"] / f"{doc}.js").is_file(), doc
    assert (folder / manifest["facets"]["file"]).is_file()
    return manifest, words


def test_index_per_language_with_stems_folding_and_synonyms(bundled_site):
    english, words = index(bundled_site, "en")
    assert english["documentCount"] > 50
    assert words["partnerships"] == words["partnership"], "word forms share their Snowball stem's postings"
    assert words["newcomers"] == words["newcomer"]
    assert any(set(group) >= {"lip", "pli"} for group in english["synonyms"])
    assert any(set(group) >= {"cic", "ircc"} for group in english["synonyms"])
    french, mots = index(bundled_site, "fr")
    assert french["documentCount"] > 20
    assert "reseau" in mots and "réseau" not in mots, "accents are folded"
    assert mots["partenariats"] == mots["partenariat"]
    assert any(set(group) >= {"collectivite", "communaute"} for group in french["synonyms"])


def test_client_loads_with_script_tags_only():
    script = (ROOT / "Sources/MosaicCore/Resources/theme/static/assets/search.js").read_text(encoding="utf-8")
    assert "fetch(" not in script and "XMLHttpRequest" not in script
    assert "createElement(\"script\")" in script or "createElement('script')" in script
