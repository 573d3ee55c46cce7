import Foundation
import Testing

@Suite("translations on the bilingual fixture site")
struct BilingualTests {
    private func built() throws -> SiteFixture {
        let site = try SiteFixture(copying: "bilingual")
        let result = try site.run(["build", "--strict"])
        #expect(result.status == 0, "\(result.stderr)")
        return site
    }

    @Test("pairing by file name and by translation_key; French pages take their own slug")
    func pairing() throws {
        let site = try built()
        defer { site.remove() }
        let pass = try site.read("public/en/practices/welcome-pass/index.html")
        #expect(pass.contains(#"<link rel="alternate" hreflang="fr" href="https://hub.example/sub/fr/practices/laissez-passer-bienvenue/">"#))
        #expect(pass.contains(#"<link rel="canonical" href="https://hub.example/sub/en/practices/welcome-pass/">"#))
        let fair = try site.read("public/fr/practices/salon-emploi/index.html")
        #expect(fair.contains(#"<a href="../../../en/practices/job-fair/index.html" lang="en" hreflang="en">English</a>"#))
        #expect(fair.contains("<html lang=\"fr\">"))
    }

    @Test("the switcher goes to the counterpart, or to a notice page naming the original's language")
    func switcherAndNoticePage() throws {
        let site = try built()
        defer { site.remove() }
        let mentoring = try site.read("public/en/practices/mentoring/index.html")
        #expect(mentoring.contains(#"<a href="../../../fr/practices/mentoring/index.html" lang="fr" hreflang="fr">Français</a>"#))
        #expect(!mentoring.contains(#"rel="alternate" hreflang="fr""#), "a notice page is not a translation")
        let notice = try site.read("public/fr/practices/mentoring/index.html")
        #expect(notice.contains(#"<h1 lang="en">Mentoring program</h1>"#))
        #expect(notice.contains("Ce document n’est pas encore disponible en français. Il existe en : anglais."))
        #expect(notice.contains(#"<a href="../../../en/practices/mentoring/index.html" hreflang="en">Le lire en anglais</a>"#))
        #expect(notice.contains(#"<meta name="robots" content="noindex">"#))
        let reverse = try site.read("public/en/practices/reseau-accueil/index.html")
        #expect(reverse.contains("This document is not available in English yet. It exists in: French."))
    }

    @Test("links to a page in the other language carry a visible language badge")
    func crossLanguageBadges() throws {
        let site = try built()
        defer { site.remove() }
        let english = try site.read("public/en/practices/welcome-pass/index.html")
        #expect(english.contains(#"<a href="../../../fr/practices/reseau-accueil/index.html" hreflang="fr" class="other-language" data-language="FR">Réseau d'accueil francophone</a>"#))
        let french = try site.read("public/fr/practices/laissez-passer-bienvenue/index.html")
        #expect(french.contains(#"<a href="../../../en/practices/mentoring/index.html" hreflang="en" class="other-language" data-language="EN">Mentoring program</a>"#))
        let list = try site.read("public/fr/practices/index.html")
        #expect(list.contains(#"<span class="lang-badge" lang="EN">EN</span>"#))
        let css = try site.read("public/assets/mosaic.css")
        #expect(css.contains("a.other-language::after"))
    }

    @Test("dates are written the way each language writes them, partial dates too")
    func dates() throws {
        let site = try built()
        defer { site.remove() }
        #expect(try site.read("public/en/practices/welcome-pass/index.html").contains(#"<time datetime="2010-04-30">April 30, 2010</time>"#))
        #expect(try site.read("public/fr/practices/laissez-passer-bienvenue/index.html").contains(#"<time datetime="2010-04-30">30 avril 2010</time>"#))
        #expect(try site.read("public/fr/practices/reseau-accueil/index.html").contains(#"<time datetime="2011-05-01">1er mai 2011</time>"#))
        let frenchList = try site.read("public/fr/practices/index.html")
        #expect(frenchList.contains(#"<time datetime="2011-11">novembre 2011</time>"#))
        #expect(frenchList.contains(#"<time datetime="2012">2012</time>"#))
        #expect(try site.read("public/en/practices/index.html").contains(#"<time datetime="2011-11">November 2011</time>"#))
    }

    @Test("check --translations lists what each language lacks")
    func translationReport() throws {
        let site = try SiteFixture(copying: "bilingual")
        defer { site.remove() }
        let result = try site.run(["check", "--translations"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
        en: 1 documents with no 'en' version
          content/practices/reseau-accueil.fr.md  Réseau d'accueil francophone
        fr: 1 documents with no 'fr' version
          content/practices/mentoring.md  Mentoring program

        """)
        try site.write("content/practices/welcome-pass.md", try site.read("content/practices/welcome-pass.md")
            .replacingOccurrences(of: "type: practice", with: "type: practice\ndate_modified: \"2020-01-01\""))
        try site.write("content/practices/welcome-pass.fr.md", try site.read("content/practices/welcome-pass.fr.md")
            .replacingOccurrences(of: "type: practice", with: "type: practice\ndate_modified: \"2019-06\""))
        let stale = try site.run(["check", "--translations"])
        #expect(stale.stdout.contains("fr: 1 'fr' versions older than their original\n  content/practices/welcome-pass.fr.md  2019-06 is older than content/practices/welcome-pass.md 2020-01-01"))
        #expect(try site.run(["build", "--quiet"]).status == 0)
        #expect(try site.read("public/fr/translations/index.html").contains("Mentoring program"))
    }
    @Test("a second French version of one document is one error; every page is still rendered, without a crash")
    func duplicateTranslation() throws {
        let site = try SiteFixture(copying: "bilingual")
        defer { site.remove() }
        try site.write("content/practices/salon-bis.fr.md", """
        ---
        title: Salon bis
        type: practice
        translation_key: annual-job-fair
        ---
        Une deuxième version française.
        """)
        let result = try site.run(["build"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("""
        content/practices/salon-emploi.fr.md:6:18: error: translation_key 'annual-job-fair' is already used in 'fr' by content/practices/salon-bis.fr.md
            hint: each language may hold one version of a document
        """), "\(result.stderr)")
        // Every kept page, the pair with its language switchers included, was rendered before the
        // build gave up; the later French claim was left out of the index.
        #expect(result.stderr.contains("Build failed: 20 pages, 0 warnings, 1 error"), "\(result.stderr)")
    }
}
