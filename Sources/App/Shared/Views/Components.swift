import Foundation
import Plot

/// A labelled form field.
struct FormField: Component {
    var label: String
    var name: String
    var value: String = ""
    var type: HTMLInputType = .text
    var required = false
    var placeholder: String? = nil

    var body: Component {
        // A refused form shows what was typed, and the reason under its field.
        let echo = FormEcho.current
        let value = (type == .password ? nil : echo?.value(name)) ?? self.value
        let error = echo?.error(name)
        var w = HTMLWriter()
        w.open("div", ["class": error == nil ? "field" : "field invalid"])
        w.open("label")
        w.text(label)
        // Empty values and placeholders are left out, as Plot leaves out empty attributes.
        w.open(
            "input",
            [
                "type": type.rawValue, "name": name, "value": value.isEmpty ? nil : value,
                "required": required ? "" : nil,
                "placeholder": placeholder.flatMap { $0.isEmpty ? nil : $0 },
                "aria-invalid": error == nil ? nil : "true",
            ])
        w.close("label")
        if let error { w.element("p", ["class": "field-error"], text: error) }
        w.close("div")
        return Node<HTML.BodyContext>.raw(w.html)
    }
}

/// A labelled `<select>`; Plot has no component for it, so it is built from elements.
struct SelectField: Component {
    var label: String
    var name: String
    var options: [(value: String, label: String)]
    var selected: String = ""
    var required = false

    var body: Component {
        let echo = FormEcho.current
        let selected = echo?.value(name) ?? self.selected
        let error = echo?.error(name)
        var w = HTMLWriter(capacity: 128 + options.count * 48)
        w.open("div", ["class": error == nil ? "field" : "field invalid"])
        w.open("label")
        w.text(label)
        w.open("select", ["name": name, "required": required ? "" : nil, "aria-invalid": error == nil ? nil : "true"])
        for option in options {
            // `value` is written even when empty: an empty option means "all".
            w.open("option", ["value": option.value, "selected": option.value == selected ? "selected" : nil])
            w.text(option.label)
            w.close("option")
        }
        w.close("select")
        w.close("label")
        if let error { w.element("p", ["class": "field-error"], text: error) }
        w.close("div")
        return Node<HTML.BodyContext>.raw(w.html)
    }
}

/// A hidden form field. Plot writes attribute values as given; this escapes the value, which
/// may carry what a user typed or a file's name.
struct HiddenField: Component {
    var name: String
    var value: String

    var body: Component {
        var w = HTMLWriter(capacity: 64 + value.utf8.count)
        w.open("input", ["type": "hidden", "name": name, "value": value])
        return Node<HTML.BodyContext>.raw(w.html)
    }
}

struct TextAreaField: Component {
    var label: String
    var name: String
    var value: String = ""
    var required = false

    var body: Component {
        let echo = FormEcho.current
        let error = echo?.error(name)
        return Div {
            Label(label) {
                TextArea(text: echo?.value(name) ?? value, name: name, isRequired: required)
            }
            if let error { Paragraph(error).class("field-error") }
        }.class(error == nil ? "field" : "field invalid")
    }
}

/// A two-column list of label and value.
struct Facts: Component {
    var rows: [(String, String)]

    var body: Component {
        Element(name: "dl") {
            for (label, value) in rows {
                Element(name: "dt") { Text(label) }
                Element(name: "dd") { Text(value.isEmpty ? "—" : value) }
            }
        }.class("facts")
    }
}

struct StatusBadge: Component {
    var text: String
    var tone: String

    var body: Component { Span(text).class("badge \(tone)") }
}

/// Previous / next links that keep the current query.
struct Pager: Component {
    var basePath: String
    var query: [(String, String)]
    var page: Int
    var pageCount: Int
    var total: Int

    var body: Component {
        Div {
            Span("共 \(total) 条，第 \(page) / \(max(pageCount, 1)) 页")
            if page > 1 {
                Link("上一页", url: url(page - 1))
            }
            if page < pageCount {
                Link("下一页", url: url(page + 1))
            }
        }.class("pager")
    }

    private func url(_ p: Int) -> String {
        let items = query.filter { !$0.1.isEmpty && $0.0 != "page" } + [("page", String(p))]
        return basePath + "?" + items.map { "\($0.0)=\(Self.escape($0.1))" }.joined(separator: "&")
    }

    static func escape(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? s
    }
}

/// The people of one household, linked to their pages.
struct MembersTable: Component {
    var members: [PersonModel.Member]

    var body: Component {
        Table(
            header: TableRow {
                TableHeaderCell("姓名")
                TableHeaderCell("身份证号")
                TableHeaderCell("与户主关系")
                TableHeaderCell("状态")
            }
        ) {
            for member in members {
                TableRow {
                    TableCell { Link(member.name, url: RegisterRoutes.person(member.id)) }
                    TableCell(member.idNumber).class("mono")
                    TableCell(member.relation)
                    TableCell(member.status)
                }
            }
        }.class("grid")
    }
}

/// One problem found in a file: the spreadsheet row (0 = the file as a whole), column, code, reason.
struct FileIssueRow: Codable, Sendable, Equatable {
    var row: Int
    var column: String
    var code: ImportIssueCode
    var message: String

    init(_ issue: some ImportIssue) {
        row = issue.row
        column = issue.column
        code = issue.code
        message = issue.message
    }
}

/// The list of problems an import found, as every import page shows it.
struct IssueTable: Component {
    var issues: [FileIssueRow]
    var id: String

    var body: Component {
        Table(
            header: TableRow {
                TableHeaderCell("行")
                TableHeaderCell("列")
                TableHeaderCell("类别")
                TableHeaderCell("说明")
            }
        ) {
            for i in issues {
                TableRow {
                    TableCell(i.row == 0 ? "—" : String(i.row)).class("num")
                    TableCell(i.column)
                    // The clerk reads the word; the code stays in the page for scripts and tests.
                    TableCell(i.code.chinese).attribute(named: "data-code", value: i.code.rawValue)
                    TableCell(i.message)
                }
            }
        }.class("grid").id(id)
    }
}
