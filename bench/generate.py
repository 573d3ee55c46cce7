#!/usr/bin/env python3
"""Generates a deterministic, realistic bilingual LIP hub corpus for benchmarks.

python3 bench/generate.py --documents 10000 --out bench/out/site-10k [--seed 7]
    [--hugo bench/out/hugo-10k] [--bodies bench/out/bodies-10k.md]

--out writes the corpus in Mosaic's layout; --hugo writes the same corpus as a Hugo site (layouts
from bench/hugo-layouts/); --bodies writes the concatenated Markdown bodies for the cmark-gfm floor.
Same seed and size give byte-identical output. Documents have typed front matter (LIPs,
characteristics, themes, provinces), bodies with headings, tables, lists, footnotes, wikilinks
and relative links (about 1% of them broken on purpose, so link checking has work to do), and a
share of French counterparts.
"""
import argparse
import pathlib
import random
import re
import shutil

CHARACTERISTICS = [
    "employment-opportunities", "fostering-social-capital", "affordable-suitable-housing", "positive-attitudes",
    "newcomer-serving-agencies", "links-between-main-actors", "municipal-features-services",
    "educational-opportunities", "health-care", "public-transportation", "religious-organizations",
    "social-engagement", "political-participation", "police-justice-relations", "safety",
    "public-space-recreation", "media-coverage",
]
THEMES = ["employment", "education", "health", "housing", "settlement", "civic-engagement", "justice", "youth",
          "francophone", "research"]
PROVINCES = ["on", "bc", "ab", "mb", "sk", "ns", "nb", "nl", "pe", "qc"]
TYPES = [("strategy", "strategies", 0.15), ("practice", "practices", 0.35), ("research", "research", 0.3),
         ("annual_report", "reports", 0.2)]
WORDS = ("newcomer settlement partnership council community strategy employment housing health education "
         "municipal services integration welcoming immigrant coordination planning research evaluation "
         "outcome indicator priority agency volunteer mentoring language training employer network youth").split()
MOTS = ("nouveaux arrivants établissement partenariat conseil communauté stratégie emploi logement santé "
        "éducation services municipaux intégration accueillante immigration coordination planification "
        "recherche évaluation résultat indicateur priorité organisme bénévole mentorat langue formation").split()


def sentence(rng, words, length):
    text = " ".join(rng.choice(words) for _ in range(length))
    return text[0].upper() + text[1:] + "."


def paragraph(rng, words):
    return " ".join(sentence(rng, words, rng.randint(8, 18)) for _ in range(rng.randint(3, 6)))


def body(rng, words, ids, headings, index):
    parts = []
    for number, heading in enumerate(headings):
        parts.append(f"## {heading}\n")
        parts.append(paragraph(rng, words) + "\n")
        if number == 0:
            target = rng.choice(ids)
            parts.append(f"See [[{target}]] and [[{rng.choice(ids)}|a related document]].\n")
            if rng.random() < 0.01:
                parts.append("See also [[missing-document-%d]].\n" % index)
        if number == 1:
            parts.append("| Indicator | Baseline | Target |\n|---|---|---|\n" + "".join(
                f"| {sentence(rng, words, 3)} | {rng.randint(0, 50)}% | {rng.randint(50, 100)}% |\n" for _ in range(4)))
        if number == 2:
            parts.append("".join(f"- {sentence(rng, words, rng.randint(4, 9))}\n" for _ in range(5)))
            parts.append(f"\nA finding from the evaluation.[^1]\n\n[^1]: {sentence(rng, words, 8)}\n")
    return "\n".join(parts)


def front_matter(fields):
    lines = ["---"]
    for key, value in fields.items():
        if isinstance(value, list):
            lines.append(f"{key}: [{', '.join(value)}]")
        else:
            lines.append(f'{key}: "{value}"' if isinstance(value, str) else f"{key}: {value}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def plan_corpus(documents, seed):
    """Returns (documents, sections): every file of the corpus as a record, in generation order.

    Each record is (section, file name, front-matter fields, Markdown body). The random stream is
    consumed exactly as it always was, so the Mosaic layout stays byte-identical for a seed.
    """
    rng = random.Random(seed)
    lip_count = max(2, documents // 50)
    lips = [f"lip-{n:04d}" for n in range(lip_count)]
    plan = []
    for n, lip in enumerate(lips):
        plan.append(("lip", "lips", lip))
    remaining = documents - len(plan)
    for n in range(remaining):
        roll, acc = rng.random(), 0.0
        for type_name, section, share in TYPES:
            acc += share
            if roll <= acc:
                break
        plan.append((type_name, section, f"{type_name.replace('_', '-')}-{n:06d}"))
    ids = [doc_id for _, _, doc_id in plan]
    french_share = 0.3
    sections = sorted({section for _, section, _ in plan})
    records = []
    for index, (type_name, section, doc_id) in enumerate(plan):
        year = rng.randint(2008, 2024)
        fields = {
            "title": f"{type_name.replace('_', ' ').title()} {index}: {sentence(rng, WORDS, 4)[:-1]}",
            "type": type_name,
            "summary": sentence(rng, WORDS, 14),
            "date": f"{year}-{rng.randint(1, 12):02d}",
        }
        if type_name == "lip":
            fields.update({"province": rng.choice(PROVINCES), "community_type": rng.choice(["city_wide", "community_wide", "rural_remote"])})
        else:
            fields.update({
                "lips": sorted(set(rng.sample(lips, rng.randint(1, 2)))),
                "characteristics": sorted(set(rng.sample(CHARACTERISTICS, rng.randint(1, 3)))),
                "themes": sorted(set(rng.sample(THEMES, rng.randint(1, 2)))),
                "provinces": [rng.choice(PROVINCES)],
            })
        headings = [sentence(rng, WORDS, 3)[:-1] for _ in range(rng.randint(3, 5))]
        text = body(rng, WORDS, ids, headings, index)
        if rng.random() < 0.02 and index > 0:
            text += f"\nCompare [the earlier one](../{plan[index - 1][1]}/{plan[index - 1][2]}.md).\n"
        records.append((section, f"{doc_id}.md", fields, text))
        if rng.random() < french_share:
            french = dict(fields)
            french["title"] = f"Document {index} : {sentence(rng, MOTS, 4)[:-1]}"
            french["summary"] = sentence(rng, MOTS, 14)
            french["slug"] = f"{doc_id}-fr"
            headings_fr = [sentence(rng, MOTS, 3)[:-1] for _ in range(len(headings))]
            records.append((section, f"{doc_id}.fr.md", french, body(rng, MOTS, ids, headings_fr, index)))
    return records, sections


def generate(documents, out, seed):
    """The corpus in Mosaic's layout: content/<section>/<id>.md (+ <id>.fr.md) and mosaic.yml."""
    records, sections = plan_corpus(documents, seed)
    write_mosaic(records, sections, out)


def write_mosaic(records, sections, out):
    if out.exists():
        shutil.rmtree(out)
    content = out / "content"
    for section, name, fields, text in records:
        folder = content / section
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(front_matter(fields) + "\n" + text, encoding="utf-8")
    write_config(out, sections)


def write_bodies(records, path):
    """The cmark-gfm floor's input: every document's Markdown body, English and French, front matter
    stripped, concatenated in generation order."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(text for _, _, _, text in records), encoding="utf-8")


WIKILINK = re.compile(r"\[\[([^\]|#]+)(?:\|([^\]]+))?\]\]")
RELATIVE_MD_LINK = re.compile(r"\]\(\.\./[^/)]+/([^/)#]+)\.md(?:#[^)]*)?\)")
HUGO_LAYOUTS = pathlib.Path(__file__).resolve().parent / "hugo-layouts"
COMMUNITY_TYPES = ["city_wide", "community_wide", "rural_remote"]


def hugo_body(text):
    """Hugo's Markdown (Goldmark) has no wikilinks: [[id]] becomes [](id) and [[id|label]] becomes
    [label](id), which the link render hook resolves by id (an empty text means "use the title")."""
    return WIKILINK.sub(lambda match: f"[{match.group(2) or ''}]({match.group(1)})", text)


def link_targets(text):
    """Ids a body links to (wikilinks and relative .md links), in order of first appearance."""
    found = [match.group(1) for match in WIKILINK.finditer(text)] + RELATIVE_MD_LINK.findall(text)
    return list(dict.fromkeys(found))


def write_hugo(records, sections, out, backlinks):
    """The same corpus as a Hugo site (see bench/README.md for what is and is not equivalent).

    Content files keep their folders and names (x.md / x.fr.md pair translations). Changes, all
    needed by Hugo: dates get a day ("2014-04" -> "2014-04-01"), wikilinks become Markdown links
    resolved by the render hook, and (backlinks="taxonomy") each document lists what it references
    as the hidden taxonomy `refs` ("to-<id>": front-matter LIPs and body link targets) so a page finds
    its referrers in O(1); with backlinks="where" the body targets go to the param `linksto` and each
    page filters all pages with `where` (quadratic); "none" omits backlinks.
    """
    if out.exists():
        shutil.rmtree(out)
    content = out / "content"
    for section, name, fields, text in records:
        folder = content / section
        folder.mkdir(parents=True, exist_ok=True)
        hugo_fields = dict(fields)
        hugo_fields["date"] = fields["date"] + "-01"
        targets = link_targets(text)
        if backlinks == "taxonomy":
            hugo_fields["refs"] = [f"to-{target}" for target in dict.fromkeys(fields.get("lips", []) + targets)]
        elif backlinks == "where":
            hugo_fields["linksto"] = targets
        (folder / name).write_text(front_matter(hugo_fields) + "\n" + hugo_body(text), encoding="utf-8")

    def page(path, en, fr, **params):
        for lang, title in (("en", en), ("fr", fr)):
            fields = {"title": title, **params}
            target = content / path / ("_index.md" if lang == "en" else "_index.fr.md")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(front_matter(fields), encoding="utf-8")

    label = lambda value: value.replace("-", " ").title()
    page("characteristics", "Characteristics", "Caractéristiques")
    for term in CHARACTERISTICS:
        page(f"characteristics/{term}", label(term), term.replace("-", " "))
    page("themes", "Themes", "Thèmes")
    for term in THEMES:
        page(f"themes/{term}", label(term), term.replace("-", " "))
    page("provinces", "Provinces", "Provinces")
    for term in PROVINCES:
        page(f"provinces/{term}", term.upper(), term.upper())
    page("directory", "LIP directory", "Répertoire des PLI", layout="directory")
    page("directory/province", "Province or territory", "Province ou territoire", layout="directory")
    for value in PROVINCES:
        page(f"directory/province/{value}", f"Province or territory: {value.upper()}",
             f"Province ou territoire : {value.upper()}", layout="facet", facet="province", value=value)
    page("directory/community-type", "Type of community", "Type de communauté", layout="directory")
    for value in COMMUNITY_TYPES:
        page(f"directory/community-type/{value}", f"Type of community: {value}", f"Type de communauté : {value}",
             layout="facet", facet="community_type", value=value)
    page("coverage", "Coverage of the welcoming-community characteristics",
         "Couverture des caractéristiques d'une communauté accueillante", layout="coverage")
    page("consultations", "Open consultations", "Consultations ouvertes", layout="consultations")
    if backlinks == "taxonomy":
        for index in ("_index.md", "_index.fr.md"):
            (content / "refs").mkdir(parents=True, exist_ok=True)
            (content / "refs" / index).write_text(
                "---\ntitle: refs\nbuild: {render: never}\ncascade:\n  build: {render: never}\n---\n",
                encoding="utf-8")
    for folder in ("layouts", "i18n", "static"):
        if (HUGO_LAYOUTS / folder).exists():
            shutil.copytree(HUGO_LAYOUTS / folder, out / folder)
    toml_list = lambda values: "[" + ", ".join(f'"{v}"' for v in values) + "]"
    taxonomies = 'characteristic = "characteristics"\ntheme = "themes"\nprovince = "provinces"\n'
    if backlinks == "taxonomy":
        taxonomies += 'ref = "refs"\n'
    config = f"""# Generated by bench/generate.py --hugo: the benchmark corpus as a Hugo site.
baseURL = "https://example.org/"
title = "Benchmark Hub"
defaultContentLanguage = "en"
defaultContentLanguageInSubdir = true
# Like Mosaic's output: every URL relative, links to files (works opened from a plain folder).
relativeURLs = true
uglyURLs = true
enableRobotsTXT = true

# Like Mosaic's feeds: the 50 newest entries for the home page, each section and each term; a sitemap.
[services.rss]
limit = 50

[params]
backlinks = "{backlinks}"
sections = {toml_list(sections)}
characteristics = {toml_list(CHARACTERISTICS)}
provinces = {toml_list(PROVINCES)}
communityTypes = {toml_list(COMMUNITY_TYPES)}
types = {toml_list(["lip"] + [t for t, _, _ in TYPES])}

[languages.en]
weight = 1
label = "English"
title = "Benchmark Hub"
[languages.fr]
weight = 2
label = "Français"
title = "Carrefour d'essai"

[outputs]
home = ["html", "json", "csv", "rss"]
section = ["html", "rss"]
taxonomy = ["html"]
term = ["html", "rss"]

[taxonomies]
{taxonomies}
# Mosaic's related documents: shared LIPs (3), characteristics and themes (2), provinces (1), with
# same type and a close year as tie-breakers. Hugo's equivalent scores the four shared fields only:
# a date index (pattern "2006") would add the year, at about +15 s per build at 10k documents.
[related]
includeNewer = true
threshold = 80
toLower = false
[[related.indices]]
name = "lips"
weight = 300
[[related.indices]]
name = "characteristics"
weight = 200
[[related.indices]]
name = "themes"
weight = 200
[[related.indices]]
name = "provinces"
weight = 100

# cmark-gfm's extensions as Mosaic uses them: tables, strikethrough, autolinks, task lists,
# footnotes; no typographer (smart quotes) or definition lists, raw HTML omitted.
[markup.goldmark.extensions]
typographer = false
definitionList = false
[markup.goldmark.renderer]
unsafe = false
[markup.tableOfContents]
startLevel = 2
endLevel = 3
"""
    (out / "hugo.toml").write_text(config, encoding="utf-8")


def write_config(out, sections):
    terms = lambda values: "\n".join(f"      - id: {v}\n        label: {{en: \"{v.replace('-', ' ').title()}\", fr: \"{v.replace('-', ' ')}\"}}" for v in values)
    config = f"""title: {{en: Benchmark Hub, fr: Carrefour d'essai}}
languages: [en, fr]
sections:
{chr(10).join(f"  - id: {s}" for s in sections)}
taxonomies:
  characteristics:
    title: {{en: Characteristics, fr: Caractéristiques}}
    terms:
{terms(CHARACTERISTICS)}
  themes:
    title: {{en: Themes, fr: Thèmes}}
    terms:
{terms(THEMES)}
  provinces:
    title: {{en: Provinces, fr: Provinces}}
    terms:
{chr(10).join(f'      - id: "{p}"' + chr(10) + f'        label: {{en: "{p.upper()}", fr: "{p.upper()}"}}' for p in PROVINCES)}
types:
  common:
    fields:
      summary: {{type: text, required: true}}
      characteristics: {{type: enum_list, taxonomy: characteristics}}
      themes: {{type: enum_list, taxonomy: themes}}
      provinces: {{type: enum_list, taxonomy: provinces}}
      lips: {{type: ref_list, to: [lip]}}
  lip:
    fields:
      province: {{type: enum, taxonomy: provinces, required: true}}
      community_type: {{type: enum, values: [city_wide, community_wide, rural_remote], required: true}}
  strategy: {{fields: {{}}}}
  practice: {{fields: {{}}}}
  research: {{fields: {{}}}}
  annual_report: {{fields: {{}}}}
graph:
  directory: {{type: lip, facets: [province, community_type]}}
  coverage: {{rows: lip, taxonomy: characteristics, via_types: [strategy, practice], via_field: lips}}
"""
    (out / "mosaic.yml").write_text(config, encoding="utf-8")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--out", type=pathlib.Path, help="the corpus in Mosaic's layout (site folder)")
    parser.add_argument("--hugo", type=pathlib.Path, metavar="OUTDIR", help="the same corpus as a Hugo site")
    parser.add_argument("--hugo-backlinks", choices=["taxonomy", "where", "none"], default="taxonomy",
                        help="how the Hugo site emulates backlinks (default: taxonomy)")
    parser.add_argument("--bodies", type=pathlib.Path, metavar="FILE",
                        help="every Markdown body (en+fr, no front matter) concatenated, for the cmark-gfm floor")
    parser.add_argument("--seed", type=int, default=7)
    arguments = parser.parse_args()
    if not (arguments.out or arguments.hugo or arguments.bodies):
        parser.error("give at least one of --out, --hugo, --bodies")
    records, sections = plan_corpus(arguments.documents, arguments.seed)
    if arguments.out:
        write_mosaic(records, sections, arguments.out)
    if arguments.hugo:
        write_hugo(records, sections, arguments.hugo, arguments.hugo_backlinks)
    if arguments.bodies:
        write_bodies(records, arguments.bodies)
