import Foundation
import Testing
import Vapor

@testable import App

/// Route descriptions: the addresses they build, that the application registers each exactly
/// once, and that no page, controller or job writes an address of its own.
@Suite("Route descriptions")
struct RoutePathTests {
    @Test func parameterValuesArePercentEncodedWithinTheirComponent() {
        let route = RoutePath.get("payments", "rolls", .param("rollID"), "print")
        #expect(route.path("a/b?c#d%e f") == "/payments/rolls/a%2Fb%3Fc%23d%25e%20f/print")
        #expect(route.path("花名册") == "/payments/rolls/%E8%8A%B1%E5%90%8D%E5%86%8C/print")
        let id = UUID(uuidString: "00000000-0000-4000-8000-000000000400")!
        #expect(RollRoutes.show(id) == "/payments/rolls/00000000-0000-4000-8000-000000000400")
        #expect(RoutePath.get().path() == "/")
    }

    @Test func queryNamesAndValuesAreEncodedAndEmptyValuesLeftOut() {
        let id = UUID(uuidString: "00000000-0000-4000-8000-000000000400")!
        #expect(
            RollRoutes.exportCSV(id, encoding: "gbk") == "/payments/rolls/\(id.uuidString)/onecard.csv?encoding=gbk")
        #expect(RollRoutes.show(id, tab: "") == "/payments/rolls/\(id.uuidString)")
        #expect(
            RollRoutes.print(id, village: "430582101201")
                == "/payments/rolls/\(id.uuidString)/print?village=430582101201")
        // A Chinese file name with the characters that would end or split a query item.
        let mapping = BankResultRoutes.mappingForm(id, sha256: "ab12", name: "银行 结果&x=1+2#3.csv")
        #expect(
            mapping
                == "/payments/rolls/\(id.uuidString)/results/mapping/ab12?name=%E9%93%B6%E8%A1%8C%20%E7%BB%93%E6%9E%9C%26x%3D1%2B2%233.csv"
        )
        #expect(RoutePath.get("x").path(query: [("a b", "c"), ("d", "")]) == "/x?a%20b=c")
        // Markup cannot leave an attribute through a built address.
        let hostile = #"x"><img src=x onerror=alert(1)>' data-pwned='1"#
        let built = BankResultRoutes.show(hostile, kind: hostile)
        #expect(!built.contains { "\"'<> &".contains($0) }, "\(built)")
        #expect(built.removingPercentEncoding == "/payments/results/\(hostile)?kind=\(hostile)")
    }

    @Test func everyDescribedRouteIsRegisteredExactlyOnceAndEveryRegisteredRouteIsDescribed() async throws {
        try await withTestApp { app in
            let described = ApplicationRoutes.all + Capabilities.all.flatMap(\.routePaths)
            let key = { (method: HTTPMethod, path: [PathComponent]) in
                method.rawValue + " /" + path.map(\.description).joined(separator: "/")
            }
            let registered = app.routes.all.map { key($0.method, $0.path) }
            var counts: [String: Int] = [:]
            for route in registered { counts[route, default: 0] += 1 }

            #expect(Set(described).count == described.count, "a route is described twice")
            for route in described {
                #expect(
                    counts[key(route.method, route.pathComponents)] == 1,
                    "\(route) is registered \(counts[key(route.method, route.pathComponents)] ?? 0) times")
            }
            let undescribed = Set(registered).subtracting(described.map { key($0.method, $0.pathComponents) })
            #expect(undescribed.isEmpty, "registered without a description: \(undescribed.sorted())")

            // Upload routes stream their body and are marked for the CSRF check of the reader.
            for route in app.routes.all {
                let description = described.first { key($0.method, $0.pathComponents) == key(route.method, route.path) }
                let isUpload = route.userInfo[StreamedUpload.routeMarker] as? Bool == true
                #expect(isUpload == (description?.body == .upload), "\(key(route.method, route.path)) upload marker")
            }
            #expect(described.contains { $0.body == .upload })
        }
    }

    @Test func noPageControllerOrJobWritesAnAddressOfItsOwn() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let app = root.appendingPathComponent("Sources/App")
        let files = try #require(FileManager.default.enumerator(at: app, includingPropertiesForKeys: nil))
            .compactMap { $0 as? URL }
            .filter {
                $0.pathExtension == "swift" && !$0.path.contains("/Public/")
                    && !Self.mayWriteAddresses($0.lastPathComponent)
            }
        #expect(files.count > 100, "found only \(files.count) source files under \(app.path)")
        var found: [String] = []
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            found += Self.addressLiterals(in: text).map { "\(file.lastPathComponent):\($0.line): \($0.text)" }
        }
        #expect(
            found.isEmpty,
            "addresses written out instead of built from a route description:\n\(found.joined(separator: "\n"))")
    }

    @Test func theAddressCheckFindsALiteralAddress() {
        #expect(Self.addressLiterals(in: #"Link("全部后台任务", url: "/jobs")"#).map(\.line) == [1])
        #expect(Self.addressLiterals(in: "a\nreturn req.redirect(to: \"/payments/rolls/\\(id)\")").map(\.line) == [2])
        #expect(Self.addressLiterals(in: #"Link("返回首页", url: HomeRoutes.home.path()) + "/" + "a/b""#).isEmpty)
    }

    /// The files that hold addresses on purpose: the route descriptions, the static files'
    /// addresses, and the process metrics, which read `/proc` (a file, not an address).
    static func mayWriteAddresses(_ fileName: String) -> Bool {
        fileName.hasSuffix("Routes.swift")
            || ["RoutePath.swift", "StaticAssets.swift", "ProcessMetrics.swift"].contains(fileName)
    }

    /// String literals that begin with `/` and a letter, with their line numbers.
    static func addressLiterals(in text: String) -> [(line: Int, text: String)] {
        let pattern = try! NSRegularExpression(pattern: #""/[A-Za-z][^"]*"#)
        var out: [(Int, String)] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let s = String(line)
            for match in pattern.matches(in: s, range: NSRange(s.startIndex..., in: s)) {
                out.append((number + 1, String(s[Range(match.range, in: s)!])))
            }
        }
        return out
    }
}
