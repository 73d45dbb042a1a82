import Fluent
import Foundation
import ResettleCore
import ResettleOffice

/// The annual plan (年度计划表) of a year as XLSX: every project approved into the plan, by code,
/// with its township, village, kind, implementer, approved resettlement funds and other sources,
/// schedule, the plan's document number and where the project stands. Township staff get their
/// own township's projects.
enum AnnualPlanExport {
    static let header = [
        "项目编号", "乡镇", "村", "项目名称", "项目类型", "实施单位", "受益移民（人）", "核定移民资金（元）", "自筹资金（元）", "其他资金（元）",
        "计划开工", "计划完工", "计划文号", "当前阶段", "工程进度（%）",
    ]

    static func xlsx(year: Int, scope: AccessScope, regions: RegionDirectory, on db: any Database) async throws -> Data
    {
        var query = Project.query(on: db).filter(\.$year == year).filter(\.$approvedFen != nil)
            .filter(\.$stage != ProjectStage.returned.rawValue)
        if let township = scope.townshipCode { query = query.filter(\.$townshipCode == township) }
        let projects = try await query.sort(\.$code).all()
        func date(_ iso: String) -> XLSXCell {
            guard let d = CivilDate(parsing: iso) else { return .text(iso) }
            return .date(year: d.year, month: d.month, day: d.day)
        }
        var rows: [[XLSXCell]] = projects.map { p in
            [
                .text(p.code), .text(regions.name(p.townshipCode)), .text(regions.name(p.villageCode)), .text(p.name),
                .text(p.kind), .text(p.implementer), .integer(Int64(p.beneficiaries)), .fen(p.approvedFen ?? 0),
                .fen(p.plannedSelfRaisedFen), .fen(p.plannedOtherFen), date(p.scheduleStart), date(p.scheduleEnd),
                .text(p.planDocument ?? ""), .text(p.stageValue.chinese), .integer(Int64(p.progressPercent)),
            ]
        }
        rows.append(
            [
                .text("合计"), .text("\(projects.count)个项目"), .empty, .empty, .empty, .empty,
                .integer(Int64(projects.reduce(0) { $0 + $1.beneficiaries })),
                .fen(projects.reduce(0) { $0 + ($1.approvedFen ?? 0) }),
                .fen(projects.reduce(0) { $0 + $1.plannedSelfRaisedFen }),
                .fen(projects.reduce(0) { $0 + $1.plannedOtherFen }), .empty, .empty, .empty, .empty, .empty,
            ])
        do {
            return try XLSXWriter.data(sheets: [
                XLSXSheet(
                    name: "\(year)年度计划", header: header,
                    columnWidths: [20, 12, 12, 30, 16, 18, 10, 16, 14, 14, 12, 12, 18, 14, 10], rows: rows)
            ])
        } catch {
            throw ResettleError.conflict("年度计划表生成失败：\(error)")
        }
    }
}
