import Prometheus
import Vapor

/// `GET /metrics`: the application's metrics in Prometheus text format (version 0.0.4), for
/// the roles and addresses `MetricsAccess` allows.
enum MetricsController {
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    @Sendable static func scrape(req: Request) async throws -> Response {
        let app = req.application
        let metrics = app.metrics
        switch MetricsAccess.decide(req, loopbackReadsWithoutSignIn: metrics.loopbackReadsWithoutSignIn) {
        case .allowed:
            break
        case .signInRequired:
            // Not the login page the other pages redirect to: a scraper would read its HTML
            // as metrics.
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .contentType, value: "text/plain; charset=utf-8")
            headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer realm=\"resettle\"")
            return Response(
                status: .unauthorized, headers: headers,
                body: .init(string: "请先登录，或使用管理员的 API 令牌（Authorization: Bearer …）\n"))
        case .forbidden:
            throw ResettleError.forbidden
        }
        // Figures that are states, not events, are read as the scrape happens.
        let jobs = await app.jobs.load
        metrics.jobsQueued.set(to: Double(jobs.queued))
        metrics.jobsRunning.set(to: Double(jobs.running))

        let text = MetricsExposition.sortedByFamily(metrics.registry.emitToString() + ProcessMetrics.exposition())
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: contentType)
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }
}

/// The registry writes its families, and the series inside each, in no fixed order; sorted,
/// two scrapes can be compared line by line and a reader finds a series where the alphabet
/// puts it.
enum MetricsExposition {
    /// Sorts the families by name (each from its `# HELP` or `# TYPE` line to the next
    /// family's) and the series inside each by their labels. A histogram's series is the run
    /// of lines up to its `_count` line and moves as a whole: its buckets keep their order.
    static func sortedByFamily(_ text: String) -> String {
        var families: [(name: Substring, lines: [Substring])] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if let name = familyName(line), families.last?.name != name {
                families.append((name, [line]))
            } else if families.isEmpty {
                families.append(("", [line]))
            } else {
                families[families.count - 1].lines.append(line)
            }
        }
        families.sort { $0.name < $1.name }
        var out = ""
        out.reserveCapacity(text.utf8.count + 1)
        for family in families {
            let header = family.lines.prefix { $0.hasPrefix("#") }
            var series: [ArraySlice<Substring>] = []
            var rest = family.lines.dropFirst(header.count)
            let histogram = header.contains { $0.hasPrefix("# TYPE ") && $0.hasSuffix(" histogram") }
            while !rest.isEmpty {
                let end =
                    histogram
                    ? (rest.firstIndex { $0.hasPrefix(family.name + "_count") } ?? rest.endIndex - 1) : rest.startIndex
                series.append(rest[...end])
                rest = rest[(end + 1)...]
            }
            series.sort { $0.first! < $1.first! }
            for line in header + series.joined() {
                out += line
                out += "\n"
            }
        }
        return out
    }

    /// The metric a `# HELP name …` or `# TYPE name …` line is about.
    private static func familyName(_ line: Substring) -> Substring? {
        guard line.hasPrefix("# HELP ") || line.hasPrefix("# TYPE ") else { return nil }
        return line.dropFirst(7).split(separator: " ", maxSplits: 1).first
    }
}
