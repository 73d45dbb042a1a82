import Fluent
import Foundation
import ResettleCore
import Vapor

@testable import App

/// A small county: two townships with villages, users of every role, and a register file.
enum Fixtures {
    static let password = "test-pass-123"
    static let jieling = "430582101"
    static let huochang = "430582102"

    static let regionsCSV = """
        代码,名称
        430582,邵东市
        430582101,界岭镇
        430582101201,大丰村
        430582101202,金银村
        430582102,火厂坪镇
        430582102201,新华村

        """

    static func seed(_ app: Application) async throws {
        let report = try await RegionImporter(db: app.db, gate: app.writeGate, actor: "test").run(
            data: Data(regionsCSV.utf8), fileName: "regions.csv")
        precondition(report.errors.isEmpty, "\(report.errors)")
        let users: [(String, Role, String?)] = [
            ("admin", .admin, nil), ("county", .county, nil), ("leader", .leader, nil), ("jieling", .township, jieling),
            ("huochang", .township, huochang), ("finance", .finance, nil), ("discipline", .discipline, nil),
        ]
        for (name, role, township) in users {
            _ = try await UserAdmin.create(
                username: name, displayName: name, role: role, township: township, password: password, actor: "test",
                app: app, db: app.db)
        }
    }

    /// Valid IDs made from a birth date and sequence, so tests can name people freely.
    static func id(_ year: Int, _ sequence: Int, address: String = "430521") -> String {
        ResidentID.make(address: address, birth: CivilDate(year: year, month: 3, day: 15)!, sequence: sequence).value
    }

    static let header = "身份证号,姓名,性别,与户主关系,户主身份证号,乡镇,村,组,水库,移民类型,搬迁完成日期,开户银行,银行卡号,联系电话"

    /// Two households in 界岭镇 and one in 火厂坪镇.
    static var registerCSV: String {
        [
            header,
            "\(id(1960, 11)),张大山,男,户主,\(id(1960, 11)),界岭镇,大丰村,3,柘溪水库,现状,,邵东农商银行,6214830000000005,13800000001",
            "\(id(1962, 22)),李秀英,女,配偶,\(id(1960, 11)),界岭镇,大丰村,3,柘溪水库,现状,,,,",
            "\(id(1985, 31)),张小明,男,子女,\(id(1960, 11)),界岭镇,大丰村,3,柘溪水库,现状,,,,",
            "\(id(1970, 41)),王金银,男,户主,\(id(1970, 41)),430582101,430582101202,,东江水库,原迁,2010-05-15,,,",
            "\(id(1975, 51)),刘火生,男,户主,\(id(1975, 51)),火厂坪镇,新华村,1,柘溪水库,现状,,,,",
        ].joined(separator: "\n") + "\n"
    }

    static func importRegister(_ app: Application) async throws {
        let report = try await RegisterImporter(db: app.db, gate: app.writeGate, actor: "test").run(
            data: Data(registerCSV.utf8), fileName: "register.csv")
        precondition(report.succeeded, "\(report.errors)")
    }

    static func person(_ idNumber: String, on db: any Database) async throws -> Person {
        try await Person.query(on: db).filter(\.$idNumber == idNumber).first()!
    }
}
