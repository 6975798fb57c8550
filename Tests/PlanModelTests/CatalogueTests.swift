import Testing
@testable import PlanModel

@Suite struct CatalogueTests {
    @Test func everyCodeHasBothLanguagesWithTheSamePlaceholders() {
        let english = Catalogue.english, vietnamese = Catalogue.vietnamese
        #expect(Set(english.keys).subtracting(vietnamese.keys).sorted() == [], "codes without Vietnamese")
        #expect(Set(vietnamese.keys).subtracting(english.keys).sorted() == [], "codes without English")
        for (code, template) in english {
            guard let other = vietnamese[code] else { continue }
            #expect(Set(Catalogue.placeholders(in: template)) == Set(Catalogue.placeholders(in: other)),
                    "\(code): en \(Catalogue.placeholders(in: template)), vi \(Catalogue.placeholders(in: other))")
        }
        #expect(Catalogue.duplicates == [])
    }

    @Test func vietnameseTextIsNFC() {
        for (code, template) in Catalogue.vietnamese {
            #expect(template == template.precomposedStringWithCanonicalMapping, "\(code) is not NFC")
        }
    }

    @Test func argumentsAreFormattedAsEachLanguageWritesThem() {
        let message = Message("check.test", [:])
        #expect(message.rendered(in: .english) == "«check.test»")
        let cases: [(Message.Value, String, String)] = [
            (.number(Exact("41940")!), "41940", "41.940"),
            (.number(Exact("86.2482")!), "86.2482", "86,2482"),
            (.number(Exact("-1234567.5")!), "-1234567.5", "-1.234.567,5"),
            (.percent(Exact("37.5")!), "37.5%", "37,5%"),
            (.count(2024), "2024", "2.024"),
            (.year(2024), "2024", "2024"),
            (.date(CivilDate("2024-06-20")!), "2024-06-20", "20/06/2024"),
            (.period("2024-11"), "2024-11", "Tháng 11/2024"),
            (.period("2024-Q3"), "2024-Q3", "Quý III/2024"),
            (.period("2024"), "2024", "Năm 2024"),
            (.period("2024-H1"), "2024-H1", "6 tháng đầu năm 2024"),
            (.period("2024-11-18"), "2024-11-18", "18/11/2024"),
            (.period("2024-11-18..2024-11-27"), "2024-11-18..2024-11-27", "18/11/2024–27/11/2024"),
            (.term("term.severity.error"), "error", "lỗi"),
        ]
        for (value, english, vietnamese) in cases {
            #expect(Catalogue.format(value, in: .english) == english)
            #expect(Catalogue.format(value, in: .vietnamese) == vietnamese)
        }
    }

    @Test func templatesPlaceNamesPluralsAndLiteralBraces() {
        #expect(Catalogue.placeholders(in: "{count} {count|error|errors} in {file}; {\"schema\": 1}") == ["count", "file"])
        let one = Message("notice.waiting", ["root": .text("/r")])
        #expect(one.rendered(in: .english) == "waiting for another plancascade process working in /r…")
        #expect(one.rendered(in: .vietnamese).hasPrefix("đang chờ"))
        #expect(one.rendered(in: .pseudo).hasPrefix("⟦") && one.rendered(in: .pseudo).contains("/r"))
        #expect(Message("notice.waiting").rendered(in: .english).contains("‹root?›"))
        #expect(Message.untranslated("plain").rendered(in: .pseudo) == "⚠plain")
        #expect(Message.verbatim("data").rendered(in: .pseudo) == "data")
    }

    @Test func theLanguageIsChosenAsPeopleExpect() {
        #expect(Language.resolve(flag: "vi", environment: ["LANG": "en_US.UTF-8"]) == .vietnamese)
        #expect(Language.resolve(flag: nil, environment: ["PLANCASCADE_LANG": "en", "LANG": "vi_VN.UTF-8"]) == .english)
        #expect(Language.resolve(flag: nil, environment: ["LC_ALL": "vi_VN.UTF-8", "LANG": "en_US"]) == .vietnamese)
        #expect(Language.resolve(flag: nil, environment: ["LC_MESSAGES": "C", "LANG": "vi_VN"]) == .english)
        #expect(Language.resolve(flag: nil, environment: ["LANG": "vi_VN.UTF-8"]) == .vietnamese)
        #expect(Language.resolve(flag: nil, environment: [:]) == .english)
        #expect(Language.flag(in: ["report", "--lang=vi", "x"]) == "vi")
        #expect(Language.flag(in: ["--lang", "en", "report"]) == "en")
        #expect(Language.flag(in: ["report", "--", "--lang", "vi"]) == nil)
    }
}
