import Vapor

/// `/metrics`, the Prometheus scrape.
enum MetricsRoutes {
    static let scrape = RoutePath.get("metrics")

    static let all = [scrape]
}
