import Foundation
import Testing

@testable import AnacondaAuth

@Suite("Site settings: one declaration per key drives reading, sites show and the README")
struct SiteSettingDeclarationTests {
    @Test("every field is declared once, in the model's order")
    func declared() {
        #expect(SiteSetting.all.map(\.field) == SiteField.allCases)
    }

    @Test("the README's configuration table is the declarations' rows")
    func readme() throws {
        let readme = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("../../README.md"), encoding: .utf8)
        for row in SiteSetting.all.compactMap(\.readmeRow) {
            #expect(readme.contains(row + "\n"), "\(row)")
        }
    }
}
