import Vapor

/// Counts every request by method, matched route pattern and status, and times it to the
/// response head. It is the outermost middleware, so errors are already answers when it sees
/// them and the time covers every other middleware.
///
/// Written against futures rather than `AsyncMiddleware`: it does no asynchronous work of its
/// own, and this way costs no task per request. It holds no lock across a suspension; the only
/// lock is the series lookup in `AppMetrics.recordRequest`.
struct RequestMetricsMiddleware: Middleware {
    let metrics: AppMetrics

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        let start = ContinuousClock.now
        let metrics = self.metrics
        metrics.requestsInFlight.increment()
        return next.respond(to: request).always { result in
            metrics.requestsInFlight.decrement()
            let status: UInt
            switch result {
            case .success(let response): status = response.status.code
            case .failure(let error): status = (error as? any AbortError)?.status.code ?? 500
            }
            // Vapor sets the route before any middleware runs.
            metrics.recordRequest(route: request.route, method: request.method, status: status, duration: .now - start)
        }
    }
}
