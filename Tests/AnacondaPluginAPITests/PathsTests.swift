import AnacondaPluginAPI
import Testing

@Suite("Path strings")
struct PathsTests {
    @Test(
        "absolute paths: dot components and empty components resolved, normal paths kept as they are",
        arguments: [
            ("/a/b", "/w", "/a/b"), ("/a/./b", "/w", "/a/b"), ("/a/../b", "/w", "/b"), ("/a//b", "/w", "/a/b"),
            ("/a/b/", "/w", "/a/b"), ("/", "/w", "/"), ("/.hidden/x", "/w", "/.hidden/x"),
            ("/a/..b/.c", "/w", "/a/..b/.c"),
            ("/a/b/..", "/w", "/a"), ("/a/b/.", "/w", "/a/b"), ("x/y", "/w", "/w/x/y"), ("../x", "/w/v", "/w/x"),
            ("/..", "/w", "/"), ("", "/w/v", "/w/v"),
        ])
    func absolute(path: String, directory: String, expected: String) {
        #expect(Paths.absolute(path, relativeTo: directory) == expected)
    }

    @Test("parent, last component and join")
    func components() {
        #expect(Paths.parent(of: "/a/b/") == "/a")
        #expect(Paths.parent(of: "/a") == "/")
        #expect(Paths.parent(of: "file") == ".")
        #expect(Paths.lastComponent(of: "/a/b/") == "b")
        #expect(Paths.lastComponent(of: "/") == "/")
        #expect(Paths.join("/a/", "b") == "/a/b")
        #expect(Paths.join("/a", "/b") == "/b")
    }
}
