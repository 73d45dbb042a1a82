import Vapor

/// A user's own password: changed at will, and first of all when an administrator gave it out
/// (a new account, a reset); until then `RequireUserMiddleware` sends every page here.
struct PasswordController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(UsersRoutes.passwordForm, use: form)
        routes.on(UsersRoutes.changePassword, use: change)
    }

    @Sendable func form(req: Request) async throws -> Response {
        let user = try req.requireUser()
        return htmlResponse(
            PasswordView.render(try await req.pageContext(), mustChange: user.mustChangePassword, error: nil))
    }

    struct ChangeForm: Content {
        var current: String
        var new: String
        var confirmation: String
    }

    @Sendable func change(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(ChangeForm.self)
        do {
            try await UserAdmin.changeOwnPassword(
                user, current: form.current, new: form.new, confirmation: form.confirmation, app: req.application,
                db: req.db)
        } catch let error as ResettleError {
            // The reason goes above the form, which is shown again; a password is never sent back.
            let page = PasswordView.render(
                try await req.pageContext(), mustChange: user.mustChangePassword, error: error.reason)
            return htmlResponse(page, status: error.status)
        }
        return req.redirect(to: HomeRoutes.home.path())
    }
}
