import Vapor

/// `/metrics` in Prometheus text format: requests by route and status with their durations,
/// background jobs, the write gate every write passes, and the process. Who may read it is
/// `MetricsAccess`; the figures are gathered by `AppMetrics`, which `configure` installs.
struct MetricsCapability: Capability {
    func routes(_ routes: CapabilityRoutes) throws {
        // On the open builder: a scraper with a bearer token, or none from the loopback
        // address, must get an answer rather than the login page. A GET needs no CSRF token.
        routes.open.on(MetricsRoutes.scrape, use: MetricsController.scrape)
    }

    var routePaths: [RoutePath] { MetricsRoutes.all }
}
