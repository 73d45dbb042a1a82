import Foundation
import NIOConcurrencyHelpers
import Prometheus
import Vapor

/// The application's metrics, in one Prometheus registry that the application owns: every
/// application (each test makes its own) counts only what it served itself. Nothing is
/// registered with the process-wide swift-metrics system.
///
/// Every series with labels that can be known in advance (job kinds and outcomes) exists from
/// the start with the value 0, so a rate over them is defined before the first job. Request
/// series are made on first use and kept here by route object, method and status, so a request
/// costs one dictionary lookup under a short lock and no registry lookup.
final class AppMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()

    /// Whether a request from the loopback address that did not come through a proxy may read
    /// `/metrics` without signing in (`RESETTLE_METRICS_LOCALHOST=1`).
    var loopbackReadsWithoutSignIn: Bool {
        get { loopbackAccess.withLockedValue { $0 } }
        set { loopbackAccess.withLockedValue { $0 = newValue } }
    }
    private let loopbackAccess: NIOLockedValueBox<Bool>

    // Requests.
    let requestsInFlight: Gauge
    private let requestSeries = NIOLockedValueBox<[RequestKey: RequestSeries]>([:])

    // Jobs.
    private let jobsFinished: [JobKind: [JobState: Counter]]
    private let jobDuration: [JobKind: DurationHistogram]
    let jobsQueued: Gauge
    let jobsRunning: Gauge

    // The write gate.
    private let writeGateBusy: Gauge
    private let writeGateWaiting: Gauge
    private let writeGateWait: DurationHistogram
    private let writeGateHold: DurationHistogram

    /// Upper bounds of the request duration buckets: pages take milliseconds, a large search
    /// or an upload seconds.
    static let requestBuckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250),
        .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10), .seconds(30),
    ]
    /// Jobs run from under a second (a small roll) to minutes (a million-row import).
    static let jobBuckets: [Duration] = [
        .milliseconds(100), .milliseconds(500), .seconds(1), .seconds(5), .seconds(10), .seconds(30), .seconds(60),
        .seconds(120), .seconds(300), .seconds(600), .seconds(1800),
    ]
    /// A session write holds the gate for a millisecond, an import's transaction for a minute.
    static let writeGateBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5), .seconds(10), .seconds(30), .seconds(60),
        .seconds(300),
    ]

    init(loopbackReadsWithoutSignIn: Bool = false) {
        loopbackAccess = NIOLockedValueBox(loopbackReadsWithoutSignIn)
        let r = registry
        requestsInFlight = r.makeGauge(descriptor: Self.name("http_requests_in_flight", "Requests being answered now."))

        var finished: [JobKind: [JobState: Counter]] = [:]
        var duration: [JobKind: DurationHistogram] = [:]
        for kind in JobKind.allCases {
            for state in JobState.allCases where state.isFinished {
                finished[kind, default: [:]][state] = r.makeCounter(
                    descriptor: Self.name("jobs_finished_total", "Background jobs that ended, by kind and outcome."),
                    labels: [("kind", kind.rawValue), ("state", state.rawValue)])
            }
            duration[kind] = r.makeDurationHistogram(
                descriptor: Self.name(
                    "job_duration_seconds", "How long background jobs ran, from start to end, by kind."),
                labels: [("kind", kind.rawValue)], buckets: Self.jobBuckets)
        }
        jobsFinished = finished
        jobDuration = duration
        jobsQueued = r.makeGauge(
            descriptor: Self.name("jobs_queued", "Background jobs waiting for the one before them."))
        jobsRunning = r.makeGauge(descriptor: Self.name("jobs_running", "Background jobs running now (at most one)."))

        writeGateBusy = r.makeGauge(
            descriptor: Self.name(
                "write_gate_busy", "1 while a write transaction holds the write gate, which every write passes."))
        writeGateWaiting = r.makeGauge(
            descriptor: Self.name("write_gate_waiting", "Writes waiting for the write gate now."))
        writeGateWait = r.makeDurationHistogram(
            descriptor: Self.name("write_gate_wait_seconds", "How long writes waited for the write gate."),
            buckets: Self.writeGateBuckets)
        writeGateHold = r.makeDurationHistogram(
            descriptor: Self.name("write_gate_hold_seconds", "How long writes held the write gate."),
            buckets: Self.writeGateBuckets)
    }

    /// A metric's full name and help text. Names carry their unit already (`_seconds`, `_total`).
    private static func name(_ name: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
    }

    // MARK: Requests

    private struct RequestKey: Hashable {
        /// The matched route; nil when none matched (static files, 404s).
        var route: ObjectIdentifier?
        /// The method's name (a literal for the standard methods: no allocation).
        var method: String
        var status: UInt
    }

    private struct RequestSeries: Sendable {
        var requests: Counter
        var duration: DurationHistogram
    }

    /// The label of requests no route matched: the CSS and JS files, and every 404.
    static let unmatchedRoute = "unmatched"
    private static func isKnown(_ method: HTTPMethod) -> Bool {
        switch method {
        case .GET, .HEAD, .POST, .PUT, .PATCH, .DELETE, .OPTIONS: return true
        default: return false
        }
    }

    /// Counts one answered request. `route` is the matched route, whose pattern (not the URL)
    /// is the label, so the series stay as many as the routes.
    func recordRequest(route: Route?, method: HTTPMethod, status: UInt, duration: Duration) {
        // A matched route fixes the method (HEAD is answered by GET routes); without one a
        // client could invent a method per request.
        let method = route != nil || Self.isKnown(method) ? method.rawValue : "OTHER"
        let key = RequestKey(route: route.map(ObjectIdentifier.init), method: method, status: status)
        let series = requestSeries.withLockedValue { $0[key] } ?? makeRequestSeries(key, route: route)
        series.requests.increment()
        series.duration.record(duration)
    }

    private func makeRequestSeries(_ key: RequestKey, route: Route?) -> RequestSeries {
        let pattern = route.map(Self.pattern(of:)) ?? Self.unmatchedRoute
        let method = key.method
        // The registry returns the same metric for the same name and labels, so two requests
        // that race to make a series end up sharing it.
        let series = RequestSeries(
            requests: registry.makeCounter(
                descriptor: Self.name("http_requests_total", "Requests answered, by method, route pattern and status."),
                labels: [("method", method), ("route", pattern), ("status", String(key.status))]),
            duration: registry.makeDurationHistogram(
                descriptor: Self.name(
                    "http_request_duration_seconds", "Time to the response head, by method and route pattern."),
                labels: [("method", method), ("route", pattern)], buckets: Self.requestBuckets))
        requestSeries.withLockedValue { $0[key] = series }
        return series
    }

    /// `/people/:personID` for the route of every person page; `/` for the home page.
    static func pattern(of route: Route) -> String {
        "/" + route.path.map(\.description).joined(separator: "/")
    }

    // MARK: Jobs

    func recordJob(_ job: JobRunner.Finished) {
        jobsFinished[job.kind]?[job.state]?.increment()
        jobDuration[job.kind]?.record(job.duration)
    }
}

extension AppMetrics: WriteGateObserver {
    func writeGate(busy: Bool, waiting: Int) {
        writeGateBusy.set(to: busy ? 1 : 0)
        writeGateWaiting.set(to: Double(waiting))
    }

    func writeGateWaited(_ wait: Duration) { writeGateWait.record(wait) }

    func writeGateHeld(_ hold: Duration) { writeGateHold.record(hold) }
}

extension AppMetrics {
    /// The setting that lets a local scraper read `/metrics` without signing in.
    static let loopbackSetting = "RESETTLE_METRICS_LOCALHOST"

    /// Makes the application's metrics, connects them to its write gate and its job runner,
    /// and returns the middleware that records every request (see `configure`).
    static func install(on app: Application) async -> RequestMetricsMiddleware {
        let metrics = AppMetrics(loopbackReadsWithoutSignIn: Environment.get(loopbackSetting) == "1")
        app.storage[AppMetricsKey.self] = metrics
        // Vapor's responder would also report every request to the process-wide swift-metrics
        // system, which is never bootstrapped here: the middleware records into this registry.
        app.http.server.configuration.reportMetrics = false
        await app.writeGate.observe(metrics)
        await app.jobs.onFinish(details: { metrics.recordJob($0) })
        return RequestMetricsMiddleware(metrics: metrics)
    }
}

private struct AppMetricsKey: StorageKey {
    typealias Value = AppMetrics
}

extension Application {
    /// The application's metrics, made by `configure`.
    var metrics: AppMetrics {
        guard let metrics = storage[AppMetricsKey.self] else {
            preconditionFailure("the application's metrics are made by configure (AppMetrics.install)")
        }
        return metrics
    }
}
