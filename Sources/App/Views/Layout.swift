import Foundation
import Plot

/// What every page needs to know about who is looking at it.
struct PageContext: Sendable {
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
}

/// The page frame: header with the office's name and the user, navigation, content.
enum Layout {
    static func render(_ ctx: PageContext, title: String, @ComponentBuilder content: @escaping () -> Component) -> String {
        let html = HTML(
            .lang(.chinese),
            .head(
                .encoding(.utf8),
                .documentTitle("\(title) - 水库移民后期扶持综合管理系统"),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .stylesheet("/css/app.css"),
                .script(.src("/js/app.js"), .attribute(named: "defer", value: "defer"))
            ),
            .body(
                .component(frame(ctx, title: title, content: content))
            )
        )
        return html.render()
    }

    private static func frame(_ ctx: PageContext, title: String, content: @escaping () -> Component) -> Component {
        ComponentGroup {
            Header {
                Div {
                    Link("水库移民后期扶持综合管理系统", url: "/").class("brand")
                    if let name = ctx.userName {
                        Div {
                            Span("\(name)（\(ctx.roleLabel ?? "")\(ctx.townshipName.map { " · " + $0 } ?? "")）").class("who")
                            Form(url: "/logout", method: .post) {
                                CSRFField(token: ctx.csrf)
                                Button("退出").attribute(named: "type", value: "submit").class("link-button")
                            }.class("inline")
                        }.class("user")
                    }
                }.class("bar")
                if !ctx.nav.isEmpty {
                    Navigation {
                        for item in ctx.nav {
                            Link(item.label, url: item.path)
                                .class(ctx.currentPath == item.path || (item.path != "/" && ctx.currentPath.hasPrefix(item.path)) ? "active" : "")
                        }
                    }.class("nav")
                }
            }
            Element(name: "main") {
                H1(title)
                if let flash = ctx.flash {
                    Paragraph(flash).class("flash")
                }
                content()
            }
            Footer {
                Paragraph("邵东市库区移民事务中心 · 本系统仅限内网使用")
            }
        }
    }
}

/// The hidden CSRF field every form carries.
struct CSRFField: Component {
    var token: String
    var body: Component {
        Input(type: .hidden, name: "_csrf", value: token)
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
