import Foundation
import ResettleCore
import ResettleOffice

/// The written reply (信访事项处理意见书) as a DOCX in the layout of official letters (GB/T
/// 9704: title, number, addressee, body, the office and the date at the right). The body is the
/// office's template (a setting) with the petition's fields filled in; the same petition always
/// gives the same file.
enum PetitionReplyDocument {
    static let defaultTemplate = """
        你（们）于{登记日期}以{信访方式}形式反映的“{信访请求}”一事，本机关于{受理日期}依法受理。现将处理意见告知如下：
        一、反映的主要事实和理由。{事实和理由}
        二、调查核实情况和处理意见。{处理意见}
        三、处理结果：{处理结果}。
        如对本处理意见不服，可以自收到本意见书之日起{复查期限}日内，向本机关的上一级行政机关请求复查。
        """

    /// The fields a template may use.
    static func fields(_ p: Petition, petitioners: [Petitioner], rules: PetitionRules, office: String) -> [String:
        String]
    {
        func chinese(_ iso: String?) -> String { iso.flatMap(CivilDate.init(parsing:))?.chinese ?? "" }
        let names = petitioners.filter { $0.roleValue != .agent }.map(\.name)
        return [
            "编号": p.number, "信访人": names.joined(separator: "、") + (p.headcount > names.count ? "等\(p.headcount)人" : ""),
            "登记日期": chinese(p.receivedOn), "信访方式": p.channelValue.chinese, "信访请求": p.request,
            "事实和理由": p.facts, "受理日期": chinese(p.decidedOn), "处理意见": p.replyOpinion ?? "",
            "处理结果": p.outcome.flatMap(PetitionOutcome.init(rawValue:))?.chinese ?? "",
            "答复日期": chinese(p.repliedOn), "送达日期": chinese(p.replyDeliveredOn),
            "复查期限": String(rules.clocks.reviewRequestDays), "机关名称": office,
        ]
    }

    static func fill(_ template: String, _ fields: [String: String]) -> String {
        var text = template
        for (key, value) in fields { text = text.replacingOccurrences(of: "{\(key)}", with: value) }
        return text
    }

    static func document(
        _ p: Petition, petitioners: [Petitioner], rules: PetitionRules, office: String, template: String
    ) -> DocxDocument {
        let f = fields(p, petitioners: petitioners, rules: rules, office: office)
        var doc = DocxDocument()
        doc.title("信访事项处理意见书")
        doc.paragraph([DocxRun("（\(p.number)）")], alignment: .center, firstLineIndent: false)
        doc.paragraph([DocxRun((f["信访人"] ?? "") + "：")], alignment: .left, firstLineIndent: false)
        for line in fill(template, f).split(separator: "\n", omittingEmptySubsequences: true) {
            doc.paragraph(String(line))
        }
        doc.paragraph([DocxRun(office)], alignment: .right, firstLineIndent: false)
        doc.paragraph([DocxRun(f["答复日期"] ?? "")], alignment: .right, firstLineIndent: false)
        if let delivered = f["送达日期"], !delivered.isEmpty {
            doc.paragraph([DocxRun("送达日期：\(delivered)")], alignment: .left, firstLineIndent: false)
        }
        return doc
    }
}
