import Foundation
import Plot

/// What every page needs to know about who is looking at it.
struct PageContext: Sendable {
    /// "赵专干（乡镇移民专干 · 界岭镇）": the role and township after the name, each left out when
    /// the name already says it ("赵专干（界岭镇）" is not told 界岭镇 twice). A role with a remark
    /// ("纪检组（只读）") whose name the user's name holds keeps only the remark: "驻局纪检组（只读）".
    static func signedInLabel(name: String, role: String?, township: String?) -> String {
        let told = [role.map { roleTold($0, to: name) }, township].compactMap { $0 }.filter {
            !$0.isEmpty && !name.contains($0)
        }
        return told.isEmpty ? name : "\(name)（\(told.joined(separator: " · "))）"
    }

    private static func roleTold(_ role: String, to name: String) -> String {
        guard let open = role.firstIndex(of: "（"), role.hasSuffix("）") else { return role }
        let core = role[..<open]
        guard !core.isEmpty, name.contains(core) else { return role }
        return String(role[role.index(after: open)..<role.index(before: role.endIndex)])
    }

    struct NavItem: Sendable {
        var label: String
        var path: String
    }

    var userName: String?
    var roleLabel: String?
    var townshipName: String?
    var csrf: String
    var currentPath: String
    var nav: [NavItem]
    var flash: String?
    /// A form of this page that was refused: its values and reason (see `FormEcho`).
    var formEcho: FormEcho? = nil
}

extension PageContext {
    /// A page before login. No session yet, so no session token: the login form brings its
    /// own (see AuthController).
    static func anonymous(currentPath: String, flash: String? = nil) -> PageContext {
        PageContext(
            userName: nil, roleLabel: nil, townshipName: nil, csrf: "", currentPath: currentPath, nav: [], flash: flash)
    }

    /// A page for a signed-in user: their name and role in the header, their role's menu.
    /// `townshipName`: a township clerk's township, shown beside the role.
    static func signedIn(
        displayName: String, role: Role, townshipName: String?, csrf: String, currentPath: String, flash: String?
    ) -> PageContext {
        PageContext(
            userName: displayName, roleLabel: role.chinese, townshipName: townshipName, csrf: csrf,
            currentPath: currentPath,
            nav: Capabilities.menu(for: role).map { NavItem(label: $0.label, path: $0.path) }, flash: flash)
    }
}

/// The page frame: header with the office's name and the user, navigation, content.
enum Layout {
    /// `refreshSeconds`: the page reloads itself that often when JavaScript is off (a job's
    /// progress page); with JavaScript the page updates itself instead.
    static func render(
        _ ctx: PageContext, title: String, refreshSeconds: Int? = nil,
        @ComponentBuilder content: @escaping () -> Component
    ) -> String {
        let html = HTML(
            .lang(.chinese),
            .head(
                .encoding(.utf8),
                .documentTitle("\(title) - 水库移民后期扶持综合管理系统"),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .stylesheet(StaticAssets.appCSS),
                .script(.src(StaticAssets.appJS), .attribute(named: "defer", value: "defer")),
                .unwrap(refreshSeconds) { seconds in
                    .element(
                        named: "noscript",
                        nodes: [
                            Node<HTML.HeadContext>.meta(
                                .attribute(named: "http-equiv", value: "refresh"), .content(String(seconds)))
                        ])
                }
            ),
            .body(
                .component(frame(ctx, title: title, content: content))
            )
        )
        return FormEcho.$current.withValue(ctx.formEcho) { html.render() }
    }

    /// Built from nodes, not components: the frame is on every page, and Plot renders each
    /// component through reflection and a renderer of its own (see `DataTable`).
    private static func frame(_ ctx: PageContext, title: String, content: @escaping () -> Component) -> Component {
        Node<HTML.BodyContext>.group(
            .header(
                .div(
                    .class("bar"),
                    .a(.href(HomeRoutes.home.path()), .class("brand"), .text("水库移民后期扶持综合管理系统")),
                    .unwrap(ctx.userName) { name in
                        .div(
                            .class("user"),
                            .span(
                                .class("who"),
                                .text(
                                    PageContext.signedInLabel(
                                        name: name, role: ctx.roleLabel, township: ctx.townshipName))),
                            .a(.href(UsersRoutes.passwordForm.path()), .class("account"), .text("修改密码")),
                            .form(
                                .action(UsersRoutes.logout.path()), .method(.post), .class("inline"),
                                .csrfField(ctx.csrf),
                                .button(.type(.submit), .class("link-button"), .text("退出"))))
                    }),
                .if(
                    !ctx.nav.isEmpty,
                    .nav(
                        .class("nav"),
                        .forEach(ctx.nav) { item in
                            let active =
                                ctx.currentPath == item.path
                                || (item.path != "/" && ctx.currentPath.hasPrefix(item.path))
                            return .a(.href(item.path), .if(active, .class("active")), .text(item.label))
                        }))),
            .main(
                .h1(.text(title)),
                .unwrap(ctx.flash) { .p(.class("flash"), .text($0)) },
                .unwrap(ctx.formEcho) { echo in
                    .p(
                        .class("flash error"), .id("form-refused"),
                        .text(echo.field == nil ? echo.message : "未能提交：\(echo.message)（见下方标出的内容）"))
                },
                .component(content())),
            .footer(.p(.text("邵东市库区移民事务中心 · 本系统仅限内网使用"))))
    }
}

/// The hidden CSRF field every form carries.
struct CSRFField: Component {
    var token: String
    var body: Component { Node<HTML.FormContext>.csrfField(token) }
}

extension Node where Context == HTML.FormContext {
    static func csrfField(_ token: String) -> Node {
        .input(.type(.hidden), .name("_csrf"), .value(HTMLAttribute.escape(token)))
    }
}

extension Node where Context == HTML.HeadContext {
    /// A `<title>` element and nothing else. Plot's `.title` also writes `og:title` and
    /// `twitter:title` meta tags with the text unescaped inside an attribute, which let a
    /// person's name break out of the tag; a page title often holds such user data.
    static func documentTitle(_ text: String) -> Node {
        .element(named: "title", nodes: [.text(text)])
    }
}
