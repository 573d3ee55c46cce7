"""Relevance suite: queries over the bundled hub with the document that must rank first.

Runs the real client (assets/search.js) over the real index in Chromium, from file://, and
reports MRR@5; the suite fails below 0.9. Half English, half French, with accent-free and
synonym queries.
"""
import pathlib
import urllib.parse


# (page language, query, path fragment of the document that must rank first)
QUERIES = [
    ("en", "welcome pass", "practices/peterborough-welcome-pass/"),
    ("en", "peterborough diversity training", "practices/peterborough-diversity-training/"),
    ("en", "pot lucks smiths falls", "practices/smiths-falls-community-potlucks/"),
    ("en", "mental health navigation", "practices/toronto-mental-health-navigation-tool/"),
    ("en", "workplace inclusivity charter", "practices/bow-valley-workplace-inclusivity-charter/"),
    ("en", "accessibility audit", "practices/toronto-accessibility-audit-tool/"),
    ("en", "characteristics of a welcoming community", "research/esses-2010-characteristics-welcoming-community/"),
    ("en", "evaluation preliminary findings", "research/ircc-2016-lip-evaluation-preliminary-findings/"),
    ("en", "hamilton immigration partnership council", "lips/hamilton-lip/"),
    ("en", "ottawa", "lips/ottawa-lip/"),
    ("en", "peel newcomer strategy group", "lips/peel-newcomer-strategy-group/"),
    ("en", "newcomers data collectors", "practices/newcomers-as-data-collectors/"),
    ("en", "Pathways to Prosperity", "organizations/p2p/"),
    ("en", "trillium foundation", "organizations/ontario-trillium-foundation/"),
    ("en", "stakeholder diversity", "indicators/indicator-stakeholder-diversity/"),
    ("en", "HIPC strategic plan 2020", "plans/hipc-strategic-plan-2020-2025/"),
    ("fr", "welcome pass peterborough", "practices/programme-welcome-pass-peterborough/"),
    ("fr", "formation diversite peterborough", "practices/formation-diversite-peterborough/"),
    ("fr", "repas-partage smiths falls", "practices/repas-partage-communautaires-smiths-falls/"),
    ("fr", "sante mentale", "practices/outil-orientation-sante-mentale-toronto/"),
    ("fr", "charte inclusion milieu de travail", "practices/charte-inclusion-milieu-travail-bow-valley/"),
    ("fr", "caracteristiques collectivite accueillante", "research/caracteristiques-collectivite-accueillante/"),
    ("fr", "caracteristiques communaute accueillante", "research/caracteristiques-collectivite-accueillante/"),
    ("fr", "evaluation constatations preliminaires", "research/ircc-2016-evaluation-pli-constatations-preliminaires/"),
    ("fr", "reseau soutien immigration francophone est", "lips/reseau-immigration-francophone-est-ontario/"),
    ("fr", "reseau nord ontario", "lips/reseau-immigration-francophone-nord-ontario/"),
    ("fr", "PLIO ottawa", "lips/plio-ottawa/"),
    ("fr", "LIP kingston", "lips/pli-kingston/"),
    ("fr", "voies vers la prosperite", "organizations/voies-vers-la-prosperite/"),
    ("fr", "CIC citoyennete", "organizations/citoyennete-et-immigration-canada/"),
    ("fr", "diversite des parties prenantes", "indicators/indicateur-diversite-parties-prenantes/"),
    ("fr", "services coordonnes", "indicators/indicateur-services-coordonnes/"),
]


def first_results(page, site: pathlib.Path, language: str, query: str) -> list:
    url = (site / language / "search" / "index.html").as_uri() + "?q=" + urllib.parse.quote(query)
    page.goto(url)
    page.wait_for_function("document.querySelector('#mosaic-search-status') && "
                           "/\\d/.test(document.querySelector('#mosaic-search-status').textContent)", timeout=10000)
    return page.eval_on_selector_all("#mosaic-search-results li a", "links => links.slice(0, 5).map(a => a.href)")


def test_mean_reciprocal_rank_at_5(bundled_site, browser):
    assert len(QUERIES) >= 30
    assert sum(1 for language, _, _ in QUERIES if language == "fr") >= 15
    page = browser.new_page()
    reciprocal, report = [], []
    for language, query, expected in QUERIES:
        links = first_results(page, bundled_site, language, query)
        rank = next((index + 1 for index, link in enumerate(links) if f"/{language}/{expected}" in link), None)
        reciprocal.append(1 / rank if rank else 0)
        report.append(f"{language} {query!r}: rank {rank}; top: {[l.split('/public/')[-1] for l in links[:3]]}")
    mrr = sum(reciprocal) / len(reciprocal)
    print(f"\nMRR@5 = {mrr:.3f} over {len(QUERIES)} queries")
    print("\n".join(line for line in report if "rank 1;" not in line))
    assert mrr >= 0.9, f"MRR@5 {mrr:.3f} < 0.9\n" + "\n".join(report)
