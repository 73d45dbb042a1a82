import Foundation
import ResettleCore
import Testing

@testable import ResettleOffice

/// Spreadsheet formula injection: every CSV the system writes shows a formula-looking text cell
/// as text, and leaves plain numbers numbers.
struct CSVFormulaTests {
    @Test(arguments: ["=1+1", "+A1", "-1+1", "@SUM(A1)", "\tx", "\r=1", "=HYPERLINK(\"http://x\",\"点击\")", "-", "+"])
    func aTextCellThatASpreadsheetWouldRunGetsAnApostrophe(_ cell: String) throws {
        // when
        let written = CSVWriter.text(rows: [[cell, "张三"]])
        // then: the cell is written as the same text behind an apostrophe (quoted where it must be)
        #expect(written == CSVWriter.escape("'" + cell) + ",张三\r\n")
        #expect(CSVFormulaGuard.neutralized(cell) == "'" + cell)
        #expect(CSVFormulaGuard.restored("'" + cell) == cell)
    }

    @Test func aFileReadBackHoldsTheApostropheAndTheNumbers() throws {
        // given
        let data = CSVWriter.data(
            rows: [["姓名", "金额"], ["=1+1", "-150.00"], ["@SUM(A1)", "150.00"]], encoding: .gb18030)
        // when
        let table = try TableReader.read(
            data, fileName: "x.csv",
            columns: [
                ColumnSpec(key: "name", names: ["姓名"]), ColumnSpec(key: "amount", names: ["金额"]),
            ])
        // then
        #expect(table.rows.map { $0[0] } == ["'=1+1", "'@SUM(A1)"])
        #expect(table.rows.map { $0[1] } == ["-150.00", "150.00"])
    }

    @Test(arguments: [
        "-150.00", "+86", "150", "0.5", "-3", "6214830000000013", "430582199001011231", "张三", "", "a=b", " =1",
    ])
    func plainNumbersAndOrdinaryTextAreLeftAlone(_ cell: String) {
        #expect(CSVFormulaGuard.neutralized(cell) == cell)
        #expect(CSVWriter.text(rows: [[cell]]) == CSVWriter.escape(cell) + "\r\n")
        #expect(CSVFormulaGuard.restored(cell) == cell)
    }

    @Test func aNeutralisedCellIsStillQuotedWhenItMustBe() {
        #expect(CSVWriter.text(rows: [["=1,2", "-150.00", "@a\"b"]]) == "\"'=1,2\",-150.00,\"'@a\"\"b\"\r\n")
        // GBK files go through the same cells
        let gbk = CSVWriter.data(rows: [["=1+1"]], encoding: .gb18030)
        #expect(gbk == Data("'=1+1\r\n".utf8))
    }

    @Test func anApostropheThatWasTheNamesOwnStays() {
        #expect(CSVFormulaGuard.restored("'-150") == "'-150")
        #expect(CSVFormulaGuard.restored("'张三") == "'张三")
        #expect(CSVFormulaGuard.restored("''=1") == "''=1")
    }

    @Test func theReconcileReportNeutralisesAnIDTypedAsAFormula() {
        // given: a bank row whose ID is a formula, and one whose amount text is negative
        let report = Reconciler().reconcile(
            roll: [
                RollRecord(idNumber: "430582199001011231", name: "张三", card: "6217000000000000001", amountFen: 15_000)
            ],
            paid: [
                PaidRecord(
                    idNumber: "430582199001011231", name: "张三", card: "6217000000000000001", amountFen: 15_000,
                    status: "成功"),
                PaidRecord(idNumber: "=cmd|' /C calc'!A0", name: "x", card: "1", amountFen: -15_000, status: "成功"),
            ])
        // then
        #expect(report.csv == "kind,id_number,detail\npaid_not_in_roll,'=CMD|' /C CALC'!A0,amount=-150.00\n")
    }
}
