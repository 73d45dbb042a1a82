import NIOCore
import Vapor

/// Who may read `/metrics`: an administrator, signed in or with an API token; and, only when
/// `RESETTLE_METRICS_LOCALHOST=1`, any request that reached the server from the loopback
/// address directly (a Prometheus on the same host). A request that carries a proxy's
/// forwarding header is never taken as local, whatever address it came from.
enum MetricsAccess {
    enum Decision: Equatable {
        case allowed
        /// No one is signed in: 401.
        case signInRequired
        /// Signed in with another role: 403.
        case forbidden
    }

    static let role = Role.admin

    /// Headers a reverse proxy adds: behind one on the same host every client would otherwise
    /// arrive from 127.0.0.1.
    static let forwardingHeaders = ["Forwarded", "X-Forwarded-For", "X-Real-IP"]

    static func decide(_ request: Request, loopbackReadsWithoutSignIn: Bool) -> Decision {
        let forwarded = forwardingHeaders.contains { request.headers.first(name: $0) != nil }
        return decide(
            role: request.currentUser?.roleValue, remoteAddress: request.remoteAddress, forwarded: forwarded,
            loopbackReadsWithoutSignIn: loopbackReadsWithoutSignIn)
    }

    static func decide(role: Role?, remoteAddress: SocketAddress?, forwarded: Bool, loopbackReadsWithoutSignIn: Bool)
        -> Decision
    {
        if role == Self.role { return .allowed }
        if loopbackReadsWithoutSignIn, !forwarded, isLoopback(remoteAddress) { return .allowed }
        return role == nil ? .signInRequired : .forbidden
    }

    /// 127.0.0.0/8, ::1, and 127.x.x.x written as an IPv4-mapped IPv6 address.
    static func isLoopback(_ address: SocketAddress?) -> Bool {
        guard let address, let ip = address.ipAddress else { return false }
        switch address {
        case .v4: return ip.hasPrefix("127.")
        case .v6: return ip == "::1" || ip.lowercased().hasPrefix("::ffff:127.")
        case .unixDomainSocket: return false
        }
    }
}
