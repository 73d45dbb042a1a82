import Plot

/// A list table (`<table><thead>…</thead><tbody>…</tbody></table>`) written by `HTMLWriter`
/// and handed to Plot as one raw node: a 50-row result list through Plot's components was
/// most of a page's time.
struct DataTable: Component {
    enum Cell {
        case text(String)
        /// Fixed-width text, for ID and card numbers.
        case mono(String)
        /// Right-aligned figures.
        case number(String)
        case link(String, url: String)
        case badge(String, tone: String)
        /// A checkbox of the form the table stands in, for choosing rows.
        case checkbox(name: String, value: String)
    }

    var header: [String]
    var rows: [[Cell]]
    var classes = "grid"
    var id: String?
    /// For a sortable column, the address that sorts by it; nil for the others.
    var headerLinks: [String?]

    init(header: [String], rows: [[Cell]], classes: String = "grid", id: String? = nil, headerLinks: [String?] = []) {
        self.header = header
        self.rows = rows
        self.classes = classes
        self.id = id
        self.headerLinks = headerLinks
    }

    var body: Component { Node<HTML.BodyContext>.raw(html) }

    /// The table's markup.
    var html: String {
        var w = HTMLWriter(capacity: 256 + rows.count * 64 * max(header.count, 1))
        w.open("table", ["class": classes, "id": id])
        w.open("thead")
        w.open("tr")
        for (i, title) in header.enumerated() {
            if i < headerLinks.count, let url = headerLinks[i] {
                w.open("th")
                w.element("a", ["href": url, "class": "sort"], text: title)
                w.close("th")
            } else {
                w.element("th", text: title)
            }
        }
        w.close("tr")
        w.close("thead")
        w.open("tbody")
        for row in rows {
            w.open("tr")
            for cell in row { Self.write(cell, to: &w) }
            w.close("tr")
        }
        w.close("tbody")
        w.close("table")
        return w.html
    }

    private static func write(_ cell: Cell, to w: inout HTMLWriter) {
        switch cell {
        case .text(let s): w.element("td", text: s)
        case .mono(let s): w.element("td", ["class": "mono"], text: s)
        case .number(let s): w.element("td", ["class": "num"], text: s)
        case .link(let s, let url):
            w.open("td")
            w.element("a", ["href": url], text: s)
            w.close("td")
        case .badge(let s, let tone):
            w.open("td")
            w.element("span", ["class": "badge " + tone], text: s)
            w.close("td")
        case .checkbox(let name, let value):
            w.open("td")
            w.open("input", ["type": "checkbox", "name": name, "value": value])
            w.close("td")
        }
    }
}
