import Foundation
import Testing
@testable import Reports
@testable import ReportModel
import ScoreModel

/// The JSON Schema and the loader accept exactly the same keys at every level, both ways: every
/// object of the schema is one of the loader's `SpecObject`s with the same keys; a spec using every
/// key passes both; an unknown key at any level fails both.
@Suite struct SpecKeysTests {
    /// Where each of the loader's objects sits in the schema (JSON pointers).
    static let schemaPointers: [(String, SpecObject)] = [
        ("", .top), ("/$defs/config", .config), ("/$defs/document", .document), ("/$defs/document/properties/page", .documentPage),
        ("/$defs/page", .page), ("/$defs/output", .output),
    ] + BlockKind.allCases.map { ("/$defs/\($0.rawValue)", SpecObject.block($0)) }

    /// Objects of the schema that are not one of the loader's objects, and why.
    static let notSpecObjects: [String: String] = [
        "/$defs/themePatch": "config.theme: the theme's keys (themePatchHasTheThemeKeys)",
        "/$defs/themePatch/properties/fonts": "config.theme.fonts (themePatchHasTheThemeKeys)",
        "/$defs/themePatch/properties/colors": "config.theme.colors (themePatchHasTheThemeKeys)",
        "/$defs/themePatch/properties/lines": "config.theme.lines (themePatchHasTheThemeKeys)",
        "/$defs/themePatch/properties/scaling": "config.theme.scaling (themePatchHasTheThemeKeys)",
        "/$defs/block": "chooses the block's schema by \"type\" (checked in blockSchemaFollowsTheType)",
    ]

    static func schema() throws -> [String: Any] {
        let data = try Data(contentsOf: Fixture.root.appendingPathComponent("assets/schema/report-spec.schema.json"))
        return try (JSONSerialization.jsonObject(with: data) as? [String: Any]).unwrap("the schema as an object")
    }

    /// The node at a JSON pointer ("/$defs/page/properties").
    static func node(_ root: Any, _ pointer: String) -> Any? {
        var n: Any? = root
        for part in pointer.split(separator: "/", omittingEmptySubsequences: true) {
            if let d = n as? [String: Any] { n = d[String(part)] } else if let a = n as? [Any], let i = Int(part), a.indices.contains(i) { n = a[i] } else { return nil }
        }
        return n
    }

    /// Every object schema (`"type": "object"`) in the schema, by JSON pointer.
    static func objectSchemas(_ n: Any, _ pointer: String = "", into out: inout [String: [String: Any]]) {
        if let d = n as? [String: Any] {
            if d["type"] as? String == "object" { out[pointer] = d }
            for (k, v) in d { objectSchemas(v, "\(pointer)/\(k)", into: &out) }
        } else if let a = n as? [Any] {
            for (i, v) in a.enumerated() { objectSchemas(v, "\(pointer)/\(i)", into: &out) }
        }
    }

    /// `config.theme` in the schema allows exactly the theme reader's keys (`ThemeKeys`), at the top and in
    /// every section, and no other.
    @Test func themePatchHasTheThemeKeys() throws {
        let patch = try (Self.node(try Self.schema(), "/$defs/themePatch") as? [String: Any]).unwrap("themePatch")
        #expect(patch["additionalProperties"] as? Bool == false)
        let properties = try (patch["properties"] as? [String: Any]).unwrap("themePatch/properties")
        #expect(Set(properties.keys) == Set(ThemeKeys.topKeys))
        for section in ThemeKeys.sections {
            let object = try (properties[section] as? [String: Any]).unwrap(section)
            #expect(object["additionalProperties"] as? Bool == false, "\(section)")
            let keys = Set(try (object["properties"] as? [String: Any]).unwrap("\(section)/properties").keys)
            #expect(keys == Set(ThemeKeys.keys(in: section)), "\(section)")
        }
    }

    @Test func everyObjectOfTheSchemaIsOneOfTheLoaders() throws {
        var found: [String: [String: Any]] = [:]
        Self.objectSchemas(try Self.schema(), into: &found)
        let known = Set(Self.schemaPointers.map(\.0)).union(Self.notSpecObjects.keys)
        #expect(Set(found.keys).subtracting(known).isEmpty, "objects in the schema the loader has no SpecObject for: \(Set(found.keys).subtracting(known).sorted())")
        #expect(known.subtracting(found.keys).isEmpty, "no such object in the schema: \(known.subtracting(found.keys).sorted())")
        #expect(Set(Self.schemaPointers.map(\.1)) == Set(SpecObject.allCases), "every SpecObject has its place in the schema")
    }

    @Test(arguments: SpecKeysTests.schemaPointers.map(\.0))
    func schemaAndLoaderAllowTheSameKeys(_ pointer: String) throws {
        let level = try Self.schemaPointers.first { $0.0 == pointer }.unwrap(pointer).1
        let object = try (Self.node(try Self.schema(), pointer) as? [String: Any]).unwrap("schema object \(pointer)")
        let schemaKeys = Set(try (object["properties"] as? [String: Any]).unwrap("\(pointer)/properties").keys)
        let loaderKeys = Set(level.keys)
        #expect(level.keys.count == loaderKeys.count, "\(level): a key listed twice")
        #expect(schemaKeys.subtracting(loaderKeys).isEmpty, "\(pointer): in the schema, not the loader: \(schemaKeys.subtracting(loaderKeys).sorted())")
        #expect(loaderKeys.subtracting(schemaKeys).isEmpty, "\(pointer): in the loader, not the schema: \(loaderKeys.subtracting(schemaKeys).sorted())")
        #expect(object["additionalProperties"] as? Bool == false, "\(pointer): the schema must reject unknown keys as the loader does")
    }

    /// `$defs/block` takes the block types of `BlockKind` and hands each to the schema of that name.
    @Test func blockSchemaFollowsTheType() throws {
        let schema = try Self.schema()
        let types = try (Self.node(schema, "/$defs/block/properties/type/enum") as? [String]).unwrap("block types")
        #expect(types == BlockKind.allCases.map(\.rawValue))
        let branches = try (Self.node(schema, "/$defs/block/allOf") as? [[String: Any]]).unwrap("block allOf")
        var dispatched: [String: String] = [:]
        for b in branches {
            if let t = Self.node(b, "/if/properties/type/const") as? String, let ref = Self.node(b, "/then/$ref") as? String { dispatched[t] = ref }
        }
        #expect(branches.count == BlockKind.allCases.count)
        #expect(dispatched == Dictionary(uniqueKeysWithValues: BlockKind.allCases.map { ($0.rawValue, "#/$defs/\($0.rawValue)") }))
    }

    /// The schema's enumerations are the Swift enumerations the loader reads them with.
    @Test func schemaEnumsAreTheLoaders() throws {
        let schema = try Self.schema()
        let enums: [(String, [String])] = [
            ("/properties/locale/enum", ReportLocale.allCases.map(\.rawValue)),
            ("/$defs/document/properties/page/properties/size/oneOf/0/enum", Array(PageSize.named.keys)),
            ("/$defs/document/properties/page/properties/orientation/enum", Orientation.allCases.map(\.rawValue)),
            ("/$defs/page/properties/orientation/enum", Orientation.allCases.map(\.rawValue)),
            ("/$defs/text/properties/style/enum", TextBlock.Style.allCases.map(\.rawValue)),
            ("/$defs/criteriaBars/properties/versus/enum", CriteriaBarsBlock.Versus.allCases.map(\.rawValue)),
            ("/$defs/criteriaBars/properties/value/enum", CriteriaBarsBlock.Value.allCases.map(\.rawValue)),
            ("/$defs/criteriaBars/properties/orientation/enum", CriteriaBarsBlock.BarOrientation.allCases.map(\.rawValue)),
            ("/$defs/criteriaBars/properties/order/enum", CriteriaBarsBlock.Order.allCases.map(\.rawValue)),
            ("/$defs/output/properties/format/enum", OutputSpec.Format.allCases.map(\.rawValue)),
            ("/$defs/output/properties/unit/enum", OutputSpec.Unit.allCases.map(\.rawValue)),
            ("/$defs/output/properties/background/enum", OutputSpec.Background.allCases.map(\.rawValue)),
        ]
        for (pointer, swift) in enums {
            let values = try (Self.node(schema, pointer) as? [String]).unwrap(pointer)
            #expect(Set(values) == Set(swift), "\(pointer): schema \(values.sorted()), loader \(swift.sorted())")
        }
    }

    /// A spec that uses every key of every object at least once (checked against `SpecObject`).
    static let everyKey = """
    {
      "$schema": "../assets/schema/report-spec.schema.json",
      "data": "data.json", "agency": ["skhcn", "snv"], "group": "department", "year": 2020, "compareWith": 2019,
      "locale": "vi", "theme": "print",
      "config": { "theme": { "colors": { "agency": "#0072B2" } }, "threshold": 55, "captions": true },
      "document": { "title": "Báo cáo năm {year}", "subtitle": "{agency.name}", "author": "Sở Nội vụ", "subject": "PAR Index",
                    "keywords": ["cải cách hành chính", "PAR Index"], "creator": "ParReport", "date": "2021-03-31", "place": "Cần Thơ",
                    "page": { "size": "A4", "orientation": "portrait" } },
      "pages": [
        { "title": "Tổng quan", "id": "tong-quan", "orientation": "landscape", "blocks": [
          { "type": "heading", "id": "tieu-de", "text": "Kết quả", "level": 2 },
          { "type": "text", "id": "doan-van", "text": "Đoạn văn.", "style": "note" },
          { "type": "findings", "id": "nhan-xet", "threshold": 50, "title": "Nhận xét" },
          { "type": "trend", "id": "xu-huong", "caption": "Chỉ số", "height": 300, "years": [2019, 2020], "series": ["agency", "groupAverage", "agency:snv"],
            "target": 80, "ranks": true, "valueLabels": false, "yRange": [40, 100] },
          { "type": "criteriaBars", "id": "tieu-chi", "caption": "Tiêu chí", "height": 400, "years": [2019, 2020], "versus": "groupBest",
            "value": "percent", "orientation": "vertical", "order": "change", "showMax": false, "changeMarks": false, "threshold": 60 },
          { "type": "pageBreak" },
          { "type": "ranking", "id": "xep-hang", "caption": "Xếp hạng", "height": 500, "year": 2019, "average": false },
          { "type": "summaryTable", "id": "bang", "caption": "Bảng", "columns": ["criterion", "points:2019", "percent", "status"],
            "subCriteria": true, "threshold": 45 } ] } ],
      "outputs": [
        { "format": "pdf", "path": "out/{agency}/bao-cao-{year}.pdf", "theme": "print", "background": "white" },
        { "format": "png", "path": "out/{agency}/{block}.png", "blocks": ["xu-huong", "tieu-chi"], "theme": "slides", "size": [1920, 1080],
          "unit": "px", "dpi": 144, "background": "transparent" },
        { "format": "svg", "path": "out/{agency}/trang-{page}.svg", "pages": [1, 2], "size": [297, 210], "unit": "mm" } ]
    }
    """

    static func parse(_ text: String) throws -> [String: Any] {
        try (JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]).unwrap("spec object")
    }

    /// The keys a spec uses, per object of the spec.
    static func keysUsed(_ spec: [String: Any]) -> [SpecObject: Set<String>] {
        var used: [SpecObject: Set<String>] = [:]
        func add(_ o: Any?, _ level: SpecObject) {
            if let d = o as? [String: Any] { used[level, default: []].formUnion(d.keys) }
        }
        add(spec, .top)
        add(spec["config"], .config)
        let document = spec["document"] as? [String: Any]
        add(document, .document)
        add(document?["page"], .documentPage)
        for page in spec["pages"] as? [[String: Any]] ?? [] {
            add(page, .page)
            for b in page["blocks"] as? [[String: Any]] ?? [] {
                if let t = b["type"] as? String, let kind = BlockKind(rawValue: t) { add(b, .block(kind)) }
            }
        }
        for o in spec["outputs"] as? [[String: Any]] ?? [] { add(o, .output) }
        return used
    }

    @Test func aSpecWithEveryKeyPassesTheSchemaAndTheLoader() throws {
        let used = Self.keysUsed(try Self.parse(Self.everyKey))
        for level in SpecObject.allCases {
            let u = used[level] ?? []
            #expect(u == Set(level.keys), "\(level): the spec leaves out \(Set(level.keys).subtracting(u).sorted()), has extra \(u.subtracting(level.keys).sorted())")
        }
        let folder = try Fixture.Folder()
        defer { folder.cleanup() }
        let url = try folder.write("every-key.json", Self.everyKey)
        #expect(try SchemaCheck.errors([url])[url.path] == [])
        let r = try SpecLoader.read(url: url)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map(SpecDiagnosticFormat.line))")
        let spec = try r.spec.unwrap("the spec")
        let problems = SpecValidator.validate(spec, dataset: try Fixture.dataset()).filter(\.isError)
        #expect(problems.isEmpty, "\(problems.map(SpecDiagnosticFormat.line))")
    }

    /// `everyKey` with an unknown key added to the first object of `level`, and the key's JSON path.
    static func withUnknownKey(_ level: SpecObject) throws -> (spec: [String: Any], path: String) {
        var spec = try parse(everyKey)
        let key = "zzUnknown"
        func put(_ o: inout [String: Any], _ route: ArraySlice<String>) {
            guard let first = route.first else { o[key] = 1; return }
            var inner = o[first] as? [String: Any] ?? [:]
            put(&inner, route.dropFirst())
            o[first] = inner
        }
        func putInArray(_ arrayKey: String, _ index: Int, _ rest: (inout [String: Any]) -> Void) {
            var items = spec[arrayKey] as? [[String: Any]] ?? []
            guard items.indices.contains(index) else { return }
            rest(&items[index])
            spec[arrayKey] = items
        }
        switch level {
        case .top: put(&spec, [])
            return (spec, key)
        case .config: put(&spec, ["config"])
            return (spec, "config.\(key)")
        case .document: put(&spec, ["document"])
            return (spec, "document.\(key)")
        case .documentPage: put(&spec, ["document", "page"])
            return (spec, "document.page.\(key)")
        case .page: putInArray("pages", 0) { $0[key] = 1 }
            return (spec, "pages[0].\(key)")
        case .output: putInArray("outputs", 0) { $0[key] = 1 }
            return (spec, "outputs[0].\(key)")
        case .block(let kind):
            let blocks = try ((spec["pages"] as? [[String: Any]])?.first?["blocks"] as? [[String: Any]]).unwrap("blocks")
            let j = try blocks.firstIndex { $0["type"] as? String == kind.rawValue }.unwrap("a \(kind.rawValue) block")
            putInArray("pages", 0) { page in
                var bs = page["blocks"] as? [[String: Any]] ?? []
                bs[j][key] = 1
                page["blocks"] = bs
            }
            return (spec, "pages[0].blocks[\(j)].\(key)")
        }
    }

    @Test func anUnknownKeyAtEveryLevelFailsTheSchemaAndTheLoader() throws {
        let folder = try Fixture.Folder()
        defer { folder.cleanup() }
        var files: [(SpecObject, URL, String)] = []
        for (i, level) in SpecObject.allCases.enumerated() {
            let (spec, path) = try Self.withUnknownKey(level)
            let data = try JSONSerialization.data(withJSONObject: spec, options: [.sortedKeys])
            files.append((level, try folder.write("unknown-\(i).json", String(decoding: data, as: UTF8.self)), path))
        }
        let verdicts = try SchemaCheck.errors(files.map(\.1))
        for (level, url, path) in files {
            let errors = verdicts[url.path] ?? []
            #expect(errors.contains { $0.contains("zzUnknown") }, "\(level): the schema accepts an unknown key: \(errors)")
            let r = try SpecLoader.read(url: url)
            #expect(r.errors.map(\.code) == ["unknown-key"] && r.errors.map(\.path) == [path], "\(level): \(r.errors.map(SpecDiagnosticFormat.line))")
        }
    }

    /// `docs/report-spec.md` describes every key: a row per top-level key and output key, the keys of
    /// `config`, `document` (with `page`) and pages in their row, each block type's keys in its row.
    @Test func theDocsDescribeEveryKey() throws {
        let text = try String(contentsOf: Fixture.root.appendingPathComponent("docs/report-spec.md"), encoding: .utf8)
        // Section title → (first cell without backticks → the row).
        var sections: [String: [String: String]] = [:]
        var title = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") { title = String(line.dropFirst(3)) }
            guard line.hasPrefix("| `"), let end = line.dropFirst(3).firstIndex(of: "`") else { continue }
            sections[title, default: [:]][String(line[line.index(line.startIndex, offsetBy: 3)..<end])] = String(line)
        }
        func mentions(_ row: String?, _ key: String) -> Bool { (row ?? "").contains("`\(key)`") || (row ?? "").contains("\"\(key)\"") }
        let top = sections["Top level"] ?? [:], blocks = sections["Blocks"] ?? [:], outputs = sections["Outputs"] ?? [:]
        for level in SpecObject.allCases {
            let missing: [String]
            switch level {
            case .top: missing = level.keys.filter { top[$0] == nil }
            case .config: missing = level.keys.filter { !mentions(top["config"], $0) }
            case .document, .documentPage: missing = level.keys.filter { !mentions(top["document"], $0) }
            case .page: missing = level.keys.filter { !mentions(top["pages"], $0) }
            case .block(let kind):
                // "type" names the row; "id" is described once for every block but pageBreak.
                #expect(level.keys.contains("id") == (kind != .pageBreak))
                missing = level.keys.filter { $0 != "type" && $0 != "id" && !mentions(blocks[kind.rawValue], $0) }
            case .output: missing = level.keys.filter { outputs[$0] == nil }
            }
            #expect(missing.isEmpty, "docs/report-spec.md does not describe \(level): \(missing)")
        }
        #expect(text.contains("Every block but `pageBreak` may have an `id`"))
    }
}
