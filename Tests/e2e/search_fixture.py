"""A small stand-in for Mosaic's search-index builder, for testing the client (assets/search.js).

`write_index` writes `search/<lang>/…` in exactly the format search.js reads (and the Swift builder
writes): a manifest, word chunks with BM25F postings, a facets file and one fragment per document,
each a script calling `window.__mosaicSearch(kind, language, payload)`.

`add_search(site, source, theme)` completes a site built by the `mosaic` binary with whatever part of
search it does not produce yet: the index (from `api/documents.json` and the built pages), the search
page (`<lang>/search/index.html`, from `templates/search.mustache`) and the header search box
(`templates/partials/search-box.mustache`). Parts the binary already built are left alone.

`read_data_file` parses any of those data files back, for format checks.

Run it by hand: `python3 Tests/e2e/search_fixture.py SITE_FOLDER [SOURCE_FOLDER]`.
"""
from __future__ import annotations

import dataclasses
import hashlib
import html
import json
import math
import pathlib
import re
import sys
import unicodedata
from html.parser import HTMLParser

import yaml

try:  # the Snowball stemmers the builder uses; a crude plural stripper otherwise
    import snowballstemmer
except ImportError:  # pragma: no cover - exercised only where snowballstemmer is missing
    snowballstemmer = None

FACET_NAMES = ["type", "lip", "characteristic", "language", "year"]
FIELD_WEIGHTS = {"title": 5.0, "headings": 3.0, "summary": 2.0, "body": 1.0}
K1 = 1.2
B = 0.75
SCORE_SCALE = 1000
CHUNK_WORDS = 400
FRAGMENT_CHARS = 3000

STOPWORDS = {
    "en": """a about after all also an and any are as at be been but by can could did do does for from had has
        have he her his how i if in into is it its may more most no not of on or our out over she should so
        such than that the their them then there these they this those through to under up us was we were
        what when where which while who will with would you your""".split(),
    "fr": """a au aux avec ce ces cette d dans de des du elle en est et etaient etait eu il ils je l la le les
        leur leurs lui mais me meme mes n ne nos notre nous on ont ou par pas pour qu que qui s sa se ses son
        sont sur ta te tes toi ton tu un une vos votre vous y""".split(),
}
SYNONYMS = {
    "en": [["lip", "pli"], ["cic", "ircc"]],
    "fr": [["pli", "lip"], ["cic", "ircc"]],
}
YEAR_LABEL = {"en": "Year", "fr": "Année"}


# ------------------------------------------------------------------------------------------------
# Folding, exactly as the client and the builder fold


def fold(text: str) -> str:
    folded = unicodedata.normalize("NFD", text.lower())
    folded = "".join(ch for ch in folded if not 0x300 <= ord(ch) <= 0x36F)
    return folded.replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")


def words(text: str) -> list[str]:
    """Runs of letters and digits (Unicode L* and N* categories) of the folded text."""
    out, current = [], []
    for ch in fold(text):
        if unicodedata.category(ch)[0] in "LN":
            current.append(ch)
        elif current:
            out.append("".join(current))
            current = []
    if current:
        out.append("".join(current))
    return out


def js_order(word: str) -> bytes:
    """Sort key matching JavaScript string comparison (UTF-16 code units)."""
    return word.encode("utf-16-be")


class Stemmer:
    def __init__(self, language: str):
        name = {"en": "english", "fr": "french"}.get(language, "english")
        self.snowball = snowballstemmer.stemmer(name) if snowballstemmer else None
        self.cache: dict[str, str] = {}

    def __call__(self, word: str) -> str:
        stem = self.cache.get(word)
        if stem is None:
            if self.snowball is not None:
                stem = self.snowball.stemWord(word)
            else:
                stem = re.sub(r"(ies|es|s|x)$", "", word) if len(word) > 3 else word
            self.cache[word] = stem
        return stem


# ------------------------------------------------------------------------------------------------
# Documents and the index


@dataclasses.dataclass
class Document:
    title: str
    url: str  # relative to the site root
    language: str
    type: str = ""  # label, in the index's language
    lips: list[str] = dataclasses.field(default_factory=list)  # labels
    characteristics: list[str] = dataclasses.field(default_factory=list)  # labels
    date: str = ""  # ISO, possibly partial
    date_text: str = ""
    summary: str = ""
    headings: list[str] = dataclasses.field(default_factory=list)
    body: str = ""


def digest(data: str) -> str:
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:8]


def script(kind: str, language: str, payload) -> str:
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    # JSON is JavaScript except for these two characters in strings before ES2019.
    body = body.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.__mosaicSearch({json.dumps(kind)},{json.dumps(language)},{body});\n"


def write_data(folder: pathlib.Path, stem: str, kind: str, language: str, payload) -> str:
    text = script(kind, language, payload)
    name = f"{stem}-{digest(text)}.js"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return name


def write_index(site: pathlib.Path, language: str, documents: list[Document], *, language_labels: dict[str, str],
                facet_labels: dict[str, str], stopwords=None, synonyms=None, chunk_words: int = CHUNK_WORDS) -> pathlib.Path:
    """Writes `site/search/<language>/`; returns the manifest's path."""
    stopwords = sorted({fold(word) for word in (stopwords if stopwords is not None else STOPWORDS.get(language, []))})
    stopword_set = set(stopwords)
    synonyms = synonyms if synonyms is not None else SYNONYMS.get(language, [])
    stem = Stemmer(language)
    folder = site / "search" / language
    if folder.exists():
        for old in sorted(folder.rglob("*.js"), reverse=True):
            old.unlink()

    # BM25F: per-field term frequencies of stems, length-normalised per field, weighted, then saturated.
    fields_of = []
    surface: dict[str, str] = {}  # folded word -> stem
    for document in documents:
        fields = {"title": document.title, "headings": " ".join(document.headings),
                  "summary": document.summary, "body": document.body}
        counted = {}
        for field, text in fields.items():
            counts: dict[str, int] = {}
            tokens = [w for w in words(text) if w not in stopword_set]
            for token in tokens:
                surface[token] = stem(token)
                counts[surface[token]] = counts.get(surface[token], 0) + 1
            counted[field] = (counts, len(tokens))
        fields_of.append(counted)
    count = len(documents)
    average = {field: (sum(doc[field][1] for doc in fields_of) / count if count else 0) or 1 for field in FIELD_WEIGHTS}
    frequency: dict[str, int] = {}
    for doc in fields_of:
        for term in set().union(*(doc[field][0].keys() for field in FIELD_WEIGHTS)):
            frequency[term] = frequency.get(term, 0) + 1
    postings: dict[str, list[int]] = {}
    for number, doc in enumerate(fields_of):
        terms = set().union(*(doc[field][0].keys() for field in FIELD_WEIGHTS))
        for term in terms:
            weighted = 0.0
            for field, weight in FIELD_WEIGHTS.items():
                counts, length = doc[field]
                tf = counts.get(term, 0)
                if tf:
                    weighted += weight * tf / (1 - B + B * length / average[field])
            idf = math.log(1 + (count - frequency[term] + 0.5) / (frequency[term] + 0.5))
            score = max(1, round(SCORE_SCALE * idf * weighted * (K1 + 1) / (K1 + weighted)))
            postings.setdefault(term, []).extend([number, score])

    # Chunks: sorted folded words, cut every `chunk_words`; a chunk's words of one stem share a list.
    vocabulary = sorted(surface, key=js_order)
    chunks = []
    for start in range(0, len(vocabulary), chunk_words):
        part = vocabulary[start:start + chunk_words]
        slots: dict[str, int] = {}
        lists = []
        table = {}
        for word in part:
            term = surface[word]
            if term not in slots:
                slots[term] = len(lists)
                lists.append(postings[term])
            table[word] = slots[term]
        name = write_data(folder, f"c{len(chunks)}", "chunk", language, {"words": table, "postings": lists})
        chunks.append({"from": part[0], "to": part[-1], "file": name})

    # Facets: labels in this language, one row of value indexes per document.
    values = {name: [] for name in FACET_NAMES}

    def slot(name, label):
        if label not in values[name]:
            values[name].append(label)
        return values[name].index(label)

    for label in sorted({d.type for d in documents if d.type}, key=str.casefold):
        slot("type", label)
    for label in sorted({l for d in documents for l in d.lips}, key=str.casefold):
        slot("lip", label)
    for label in sorted({c for d in documents for c in d.characteristics}, key=str.casefold):
        slot("characteristic", label)
    for code in language_labels:
        slot("language", language_labels[code])
    for year in sorted({d.date[:4] for d in documents if d.date}):
        slot("year", year)
    rows = []
    for d in documents:
        rows.append([
            values["type"].index(d.type) if d.type else -1,
            [values["lip"].index(l) for l in d.lips],
            [values["characteristic"].index(c) for c in d.characteristics],
            values["language"].index(language_labels[d.language]) if d.language in language_labels else -1,
            values["year"].index(d.date[:4]) if d.date else -1,
        ])
    facets_file = write_data(folder, "facets", "facets", language,
                             {"names": FACET_NAMES, "values": values, "documents": rows})

    fragments = {}
    for number, d in enumerate(documents):
        text = " ".join(part for part in [d.summary, d.body] if part)
        text = " ".join(text.split())[:FRAGMENT_CHARS]
        payload = {"doc": number, "title": d.title, "url": d.url, "type": d.type, "lip": ", ".join(d.lips),
                   "date": d.date, "dateText": d.date_text, "language": d.language, "text": text}
        fragments[str(number)] = write_data(folder / "f", str(number), "fragment", language, payload)

    manifest = {
        "version": 1, "language": language, "documentCount": count, "chunks": chunks, "fragments": fragments,
        "synonyms": synonyms, "stopwords": stopwords, "facets": {"file": facets_file}, "labels": facet_labels,
    }
    path = folder / "manifest.js"
    path.write_text(script("manifest", language, manifest), encoding="utf-8")
    return path


def read_data_file(path: pathlib.Path):
    """(kind, language, payload) of one data file."""
    text = path.read_text(encoding="utf-8")
    call = "window.__mosaicSearch("
    start = text.index(call) + len(call)
    decoder = json.JSONDecoder()
    values = []
    position = start
    for _ in range(3):
        while text[position] in " \t\r\n,":
            position += 1
        value, position = decoder.raw_decode(text, position)
        values.append(value)
    rest = text[position:].strip()
    assert rest in (")", ");"), f"{path}: unexpected text after the payload: {rest[:40]!r}"
    return tuple(values)


# ------------------------------------------------------------------------------------------------
# Documents of a site built by `mosaic`


class BodyText(HTMLParser):
    """Text and h2–h4 headings of `<div class="doc-body …">`."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.heading = None
        self.text: list[str] = []
        self.headings: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if self.depth:
            if tag == "div":
                self.depth += 1
            if tag in ("h2", "h3", "h4"):
                self.heading = []
            if tag in ("p", "li", "br", "h2", "h3", "h4", "td", "th", "div", "blockquote", "pre"):
                self.text.append(" ")
        elif tag == "div" and "doc-body" in classes:
            self.depth = 1

    def handle_endtag(self, tag):
        if not self.depth:
            return
        if tag == "div":
            self.depth -= 1
        if tag in ("h2", "h3", "h4") and self.heading is not None:
            self.headings.append(" ".join("".join(self.heading).split()))
            self.heading = None
        self.text.append(" ")

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)
            if self.heading is not None:
                self.heading.append(data)


def load_strings(source: pathlib.Path, theme: pathlib.Path, language: str) -> dict:
    table = {}
    for folder in (theme / "i18n", source / "i18n"):
        path = folder / f"{language}.yml"
        if path.exists():
            table.update(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    return table


def format_date(date: str, strings: dict) -> str:
    parts = date.split("-")
    if len(parts) < 2 or f"month_{int(parts[1])}" not in strings:
        return date
    month = strings[f"month_{int(parts[1])}"]
    if len(parts) == 3:
        day = strings.get("day_first", "1") if int(parts[2]) == 1 else str(int(parts[2]))
        pattern = strings.get("date_day", "{month} {day}, {year}").replace("{day}", day)
    else:
        pattern = strings.get("date_month", "{month} {year}")
    return pattern.replace("{month}", month).replace("{year}", parts[0])


def documents_from_site(site: pathlib.Path, source: pathlib.Path, theme: pathlib.Path, language: str) -> list[Document]:
    records = json.loads((site / "api" / "documents.json").read_text(encoding="utf-8"))
    config = yaml.safe_load((source / "mosaic.yml").read_text(encoding="utf-8"))
    strings = load_strings(source, theme, language)
    titles = {record["url"]: record["title"] for record in records}
    characteristic_labels = {}
    for term in ((config.get("taxonomies") or {}).get("characteristics") or {}).get("terms") or []:
        label = term.get("label") or {}
        characteristic_labels[term["id"]] = label.get(language) or label.get(config["languages"][0]) or term["id"]
    documents = []
    for record in records:
        if record.get("lang") != language:
            continue
        fields = record.get("fields") or {}
        type_id = record.get("type") or ""
        type_label = strings.get(f"type_{type_id}") or (type_id.replace("_", " ").capitalize() if type_id else "")
        lips = [titles.get(url, url) for url in fields.get("lips") or [] if isinstance(url, str)]
        if type_id == "lip":
            lips = [record["title"]] + lips
        page = site / record["url"]
        body = BodyText()
        if page.exists():
            body.feed(page.read_text(encoding="utf-8"))
        date = str(record.get("date") or fields.get("date") or "")
        documents.append(Document(
            title=record["title"], url=record["url"], language=language, type=type_label, lips=lips,
            characteristics=[characteristic_labels.get(c, c) for c in fields.get("characteristics") or []],
            date=date, date_text=format_date(date, strings) if date else "",
            summary=record.get("summary") or "", headings=body.headings,
            body=" ".join("".join(body.text).split()),
        ))
    return documents


def index_site(site: pathlib.Path, source: pathlib.Path, theme: pathlib.Path, output: pathlib.Path | None = None) -> list[pathlib.Path]:
    """Indexes every language of a built site into `output` (default: the site itself)."""
    config = yaml.safe_load((source / "mosaic.yml").read_text(encoding="utf-8"))
    manifests = []
    for language in config["languages"]:
        strings = load_strings(source, theme, language)
        language_labels = {code: strings.get(f"language_name_{code}", code) for code in config["languages"]}
        facet_labels = {"type": strings.get("field_type", "Type"), "lip": strings.get("field_lips", "LIP"),
                        "characteristic": strings.get("field_characteristics", "Characteristics"),
                        "language": strings.get("field_lang", "Language"), "year": YEAR_LABEL.get(language, "Year")}
        documents = documents_from_site(site, source, theme, language)
        manifests.append(write_index(output or site, language, documents, language_labels=language_labels,
                                     facet_labels=facet_labels))
    return manifests


# ------------------------------------------------------------------------------------------------
# A Mustache subset (variables, sections, inverted sections, partials, blocks) for the theme's
# search templates, until the binary renders them itself


TAG = re.compile(r"\{\{(\{)?\s*([#^/!>&$<]?)\s*(.*?)\s*\}?\}\}", re.S)


def parse_template(text: str):
    root: list = []
    stack = [("", root)]
    position = 0
    for match in TAG.finditer(text):
        stack[-1][1].append(("text", text[position:match.start()]))
        position = match.end()
        triple, sigil, name = match.group(1), match.group(2), match.group(3)
        if sigil == "!":
            continue
        if sigil in ("#", "^", "$", "<"):
            node = ({"#": "section", "^": "inverted", "$": "block", "<": "parent"}[sigil], name, [])
            stack[-1][1].append(node)
            stack.append((name, node[2]))
        elif sigil == "/":
            assert stack[-1][0] == name, f"unbalanced {{{{/{name}}}}}"
            stack.pop()
        elif sigil == ">":
            stack[-1][1].append(("partial", name))
        else:
            stack[-1][1].append(("variable", name, not (triple or sigil == "&")))
    stack[-1][1].append(("text", text[position:]))
    return root


def lookup(stack: list, name: str):
    if name == ".":
        return stack[-1]
    head, *rest = name.split(".")
    for frame in reversed(stack):
        if isinstance(frame, dict) and head in frame:
            value = frame[head]
            for part in rest:
                value = value.get(part) if isinstance(value, dict) else None
            return value
    return None


def render_nodes(nodes, stack, partials) -> str:
    out = []
    for node in nodes:
        kind = node[0]
        if kind == "text":
            out.append(node[1])
        elif kind == "variable":
            value = lookup(stack, node[1])
            text = "" if value is None or value is False else str(value)
            out.append(html.escape(text, quote=True) if node[2] else text)
        elif kind == "section":
            value = lookup(stack, node[1])
            if isinstance(value, list):
                out.extend(render_nodes(node[2], stack + [item], partials) for item in value)
            elif isinstance(value, dict):
                out.append(render_nodes(node[2], stack + [value], partials))
            elif value:
                out.append(render_nodes(node[2], stack, partials))
        elif kind == "inverted":
            value = lookup(stack, node[1])
            if not value:
                out.append(render_nodes(node[2], stack, partials))
        elif kind == "partial":
            out.append(render_nodes(parse_template(partials(node[1])), stack, partials))
        elif kind in ("block", "parent"):
            out.append(render_nodes(node[2], stack, partials))
    return "".join(out)


def block(nodes, name):
    for node in nodes:
        if node[0] in ("block", "parent", "section", "inverted"):
            if node[0] == "block" and node[1] == name:
                return node[2]
            found = block(node[2], name)
            if found is not None:
                return found
    return None


def template_loader(source: pathlib.Path, theme: pathlib.Path):
    def load(name: str) -> str:
        for folder in (source / "templates", theme / "templates"):
            path = folder / f"{name}.mustache"
            if path.exists():
                return path.read_text(encoding="utf-8")
        raise FileNotFoundError(name)
    return load


def add_search_page(site: pathlib.Path, source: pathlib.Path, theme: pathlib.Path, language: str, languages: list[str]) -> None:
    """Renders `<lang>/search/index.html` into a copy of a section page of the same depth."""
    config = yaml.safe_load((source / "mosaic.yml").read_text(encoding="utf-8"))
    strings = load_strings(source, theme, language)
    load = template_loader(source, theme)
    nodes = parse_template(load("search"))
    nav = [{"title": section["title"].get(language) if isinstance(section["title"], dict) else section["title"],
            "url": f"../{section['id']}/index.html", "current": False} for section in config["sections"]]
    others = [{"lang": code, "url": f"../../{code}/search/index.html",
               "langName": load_strings(source, theme, code).get("language_name", code)} for code in languages if code != language]
    context = {"lang": language, "root": "../../", "home": "../index.html", "t": strings, "nav": nav,
               "site": {"title": config["title"].get(language) if isinstance(config["title"], dict) else config["title"]},
               "page": {"title": strings.get("search_title", "Search")}, "languageLinks": others, "alternates": others}
    title = render_nodes(block(nodes, "title") or [], [context], load)
    main = render_nodes(block(nodes, "main") or [], [context], load)
    page = (site / language / config["sections"][0]["id"] / "index.html").read_text(encoding="utf-8")  # same depth
    page = re.sub(r"<title>.*?</title>", lambda _: f"<title>{title}</title>", page, count=1, flags=re.S)
    page = re.sub(r'<link rel="canonical"[^>]*>\n?', '<link rel="canonical" href="index.html">\n', page, count=1)
    page = re.sub(r'<link rel="alternate"[^>]*>\n?', "", page)
    first = config["sections"][0]["id"]
    page = page.replace('<a href="index.html" aria-current="page">', f'<a href="../{first}/index.html">')
    page = re.sub(r'<meta name="description" content="[^"]*">',
                  lambda _: f'<meta name="description" content="{html.escape(strings.get("search_title", "Search"))}">', page, count=1)
    for other in others:
        page = re.sub(rf'href="[^"]*"( lang="{other["lang"]}" hreflang="{other["lang"]}")',
                      lambda m: f'href="{other["url"]}"{m.group(1)}', page)
    page = re.sub(r'<main id="main">.*</main>', lambda _: f'<main id="main">\n{main}\n</main>', page, count=1, flags=re.S)
    target = site / language / "search" / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page, encoding="utf-8")


def add_header_boxes(site: pathlib.Path, source: pathlib.Path, theme: pathlib.Path) -> int:
    """Puts the search-box partial at the end of every page's site header; returns the pages changed."""
    load = template_loader(source, theme)
    nodes = parse_template(load("partials/search-box"))
    strings_by_language = {}
    changed = 0
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if 'class="search-box"' in text or '<header class="site-header">' not in text:
            continue
        language = re.search(r'<html lang="([^"]+)"', text).group(1)
        root = re.search(r'href="([^"]*)assets/mosaic\.css"', text).group(1)
        if language not in strings_by_language:
            strings_by_language[language] = load_strings(source, theme, language)
        box = render_nodes(nodes, [{"lang": language, "root": root, "t": strings_by_language[language]}], load).strip()
        text = re.sub(r'(<header class="site-header">.*?)(\n?\s*</div>\s*</header>)',
                      lambda m: m.group(1) + "\n    " + box + m.group(2), text, count=1, flags=re.S)
        page.write_text(text, encoding="utf-8")
        changed += 1
    return changed


def add_search(site: pathlib.Path, source: pathlib.Path, theme: pathlib.Path) -> list[str]:
    """Adds the parts of search the binary did not build; returns what was added."""
    config = yaml.safe_load((source / "mosaic.yml").read_text(encoding="utf-8"))
    languages = config["languages"]
    added = []
    if not (site / "search" / languages[0] / "manifest.js").exists():
        index_site(site, source, theme)
        added.append("index")
    for language in languages:
        if not (site / language / "search" / "index.html").exists():
            add_search_page(site, source, theme, language, languages)
            added.append(f"{language}/search page")
    if add_header_boxes(site, source, theme):
        added.append("header search boxes")
    if not (site / "assets" / "search.js").exists():
        (site / "assets" / "search.js").write_bytes((theme / "static" / "assets" / "search.js").read_bytes())
        added.append("assets/search.js")
    return added


if __name__ == "__main__":
    here = pathlib.Path(__file__).resolve().parents[2]
    site_folder = pathlib.Path(sys.argv[1])
    source_folder = pathlib.Path(sys.argv[2]) if len(sys.argv) > 2 else here
    print(", ".join(add_search(site_folder, source_folder, here / "Sources/MosaicCore/Resources/theme")) or "nothing to add")
