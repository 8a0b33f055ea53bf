import Testing
import Foundation
@testable import SurveyModel

@Suite("PathList: the input files held compactly")
struct PathListTests {
    @Test("each path reads back as appended: by folder and name, or whole")
    func readsBack() throws {
        var list = PathList()
        let samples = list.addFolder("samples/2022/")
        let other = list.addFolder("/tmp/æble-ø/")
        list.append("SP-2020-004.xml", in: samples)
        list.append("rapport-\\xE6.xml", in: other)
        list.append("loose.xml")
        list.append("SP-2020-005.xml", in: samples)
        #expect(Array(list) == ["samples/2022/SP-2020-004.xml", "/tmp/æble-ø/rapport-\\xE6.xml", "loose.xml",
                                "samples/2022/SP-2020-005.xml"])
        #expect(list.count == 4)
        #expect(list == PathList(Array(list)))
        let decoded = try JSONDecoder().decode(PathList.self, from: try JSONEncoder().encode(list))
        #expect(decoded == list)
        #expect(String(decoding: try JSONEncoder().encode(["a/b.xml", "c.xml"] as PathList), as: UTF8.self) == #"["a\/b.xml","c.xml"]"#)
    }

    @Test("whole paths keep their folder once; removing from an index drops the paths from there")
    func wholePaths() {
        var list: PathList = ["d/a.xml", "d/b.xml", "e/c.xml", "top.xml", "d/"]
        #expect(Array(list) == ["d/a.xml", "d/b.xml", "e/c.xml", "top.xml", "d/"])
        list.removeSubrange(2...)
        #expect(list == ["d/a.xml", "d/b.xml"])
        list += ["f/g.xml"]
        #expect(list == ["d/a.xml", "d/b.xml", "f/g.xml"])
        #expect(Set([list, ["d/a.xml", "d/b.xml", "f/g.xml"]]).count == 1)

        // Room made and given back changes no path.
        var copy = PathList()
        copy.reserveCapacity(paths: list.count, nameBytes: list.nameBytes)
        copy += list
        copy.shrinkToFit()
        #expect(copy == list)
        copy.append("h.xml")
        #expect(Array(copy) == ["d/a.xml", "d/b.xml", "f/g.xml", "h.xml"])
    }

    @Test("sort(from:) orders by the UTF-8 of the whole path, as sorting the strings would, across folders")
    func sortsLikeTheStrings() {
        var list = PathList()
        list.append("first-stays-first.xml")
        // "a/x.xml" sorts after "a-b.xml" ("/" is 0x2F, "-" 0x2D), though folder "a" sorts before file "a-b.xml".
        let a = list.addFolder("d/a/")
        let d = list.addFolder("d/")
        let deep = list.addFolder("d/a/b/")
        list.append("x.xml", in: a)
        list.append("a-b.xml", in: d)
        list.append("z.xml", in: deep)
        list.append("Ø.xml", in: d)
        list.append("Z.xml", in: d)
        list.append("a.xml", in: d)
        list.append("d/a/b/a.xml")
        list.append("a.xm", in: d)
        let expected = ["first-stays-first.xml"] + Array(list.dropFirst()).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        list.sort(from: 1)
        #expect(Array(list) == expected)
        #expect(expected[1...] == ["d/Z.xml", "d/a-b.xml", "d/a.xm", "d/a.xml", "d/a/b/a.xml", "d/a/b/z.xml", "d/a/x.xml", "d/Ø.xml"])
    }
}
