import Testing

@testable import AnacondaAuth

/// Expected outputs come from Python's `difflib.unified_diff(a, b, ..., lineterm="")`.
@Suite struct UnifiedDiffTests {
    private func numbered(_ range: ClosedRange<Int>) -> [String] { range.map(String.init) }

    @Test func insertionIntoEmptyFile() {
        let diff = UnifiedDiff.lines(
            from: [], to: ["[sites.dev]", "domain = \"dev.example.com\""], fromFile: "before", toFile: "after")
        #expect(
            diff == [
                "--- before",
                "+++ after",
                "@@ -0,0 +1,2 @@",
                "+[sites.dev]",
                "+domain = \"dev.example.com\"",
            ])
    }

    @Test func appendAtEndKeepsThreeContextLinesAndDates() {
        let old = ["a = 1", "b = 2", "c = 3", "d = 4", "e = 5"]
        let diff = UnifiedDiff.lines(
            from: old, to: old + ["f = 6"], fromFile: "old", toFile: "new", fromDate: "2024-01-01",
            toDate: "2024-01-02")
        #expect(
            diff == [
                "--- old\t2024-01-01",
                "+++ new\t2024-01-02",
                "@@ -3,3 +3,4 @@",
                " c = 3",
                " d = 4",
                " e = 5",
                "+f = 6",
            ])
    }

    @Test func replacementInTheMiddle() {
        let old = numbered(1...10)
        let new = Array(old[0..<4]) + ["five", "5.5"] + Array(old[5...])
        #expect(
            UnifiedDiff.lines(from: old, to: new, fromFile: "old", toFile: "new") == [
                "--- old",
                "+++ new",
                "@@ -2,7 +2,8 @@",
                " 2",
                " 3",
                " 4",
                "-5",
                "+five",
                "+5.5",
                " 6",
                " 7",
                " 8",
            ])
    }

    @Test func changesFarApartMakeTwoHunks() {
        let old = numbered(1...20)
        var new = old
        new[1] = "two"
        new.remove(at: 17)
        #expect(
            UnifiedDiff.lines(from: old, to: new, fromFile: "old", toFile: "new") == [
                "--- old",
                "+++ new",
                "@@ -1,5 +1,5 @@",
                " 1",
                "-2",
                "+two",
                " 3",
                " 4",
                " 5",
                "@@ -15,6 +15,5 @@",
                " 15",
                " 16",
                " 17",
                "-18",
                " 19",
                " 20",
            ])
    }

    @Test func deletionOfEverything() {
        let diff = UnifiedDiff.lines(from: ["x", "y", "z"], to: [], fromFile: "old", toFile: "new", toDate: "today")
        #expect(
            diff == [
                "--- old",
                "+++ new\ttoday",
                "@@ -1,3 +0,0 @@",
                "-x",
                "-y",
                "-z",
            ])
    }

    @Test func identicalInputsGiveNoDiff() {
        #expect(UnifiedDiff.lines(from: ["x", "y"], to: ["x", "y"], fromFile: "old", toFile: "new").isEmpty)
        #expect(UnifiedDiff.lines(from: [], to: [], fromFile: "old", toFile: "new").isEmpty)
    }
}
