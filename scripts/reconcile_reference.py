#!/usr/bin/env python3
"""A plain-Python reference for roll-versus-bank reconciliation (issue #4), written from the
rules rather than from the Swift code, to cross-check `resettle reconcile`.

    python3 scripts/reconcile_reference.py ROLL.csv BANK.csv REPORT.csv

CSV files only (UTF-8 with or without BOM, UTF-16 with BOM, GBK/GB18030), read as the Swift
table reader reads them: the header is the first of the first 20 non-blank records holding every
required column; cells are trimmed; blank records are skipped. A blank ID, an ID or card Excel
rounded (`4.30582E+17`) or an amount that is not plain 元 (`1,500.00`, `150元`) is a row error:
all of them are printed to standard error and the exit status is 1, with no report.

Rules (ResettleCore.Reconciler):
- IDs are compared by key: trimmed, `x` -> `X`, 15 digits -> 18 with check character when the
  number is valid; an invalid ID is its trimmed, upper-cased text.
- A key on more than one row of a file is reported only as duplicate_in_roll / duplicate_in_paid
  with `count=N` (both when in both files).
- A key in one file only: in_roll_not_paid / paid_not_in_roll with `amount=<that file's amount>`.
- A key once in each: name_mismatch, card_mismatch (blanks removed everywhere, shown that way),
  amount_mismatch (only when the payment succeeded: a failed one is payment_failed alone),
  payment_failed (`status=<trimmed status>` unless a success word).
- Output `kind,id_number,detail`, sorted by key then kind, UTF-8, LF line ends.
  A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first, not a plain
  number) gets a leading `'` (CSVFormulaGuard).
"""
import re
import sys

# TableBuilder.trim / ReconciliationText.compact: the blanks of typed and exported files.
CELL_BLANKS = "\t\n\x0b\x0c\r \u00a0\u3000\ufeff"
# Unicode White_Space (what Swift's `isWhitespace` tests) plus U+3000; String.trimmingIDWhitespace
# also trims a leading U+FEFF. Python's str.isspace() is a different set, so it is not used.
WHITE_SPACE = set("\t\n\x0b\x0c\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000") | {chr(c) for c in range(0x2000, 0x200B)}
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK_CHARACTERS = "10X98765432"
SUCCESS_WORDS = {"成功", "已成功", "支付成功", "交易成功", "发放成功", "入账成功", "代发成功",
                 "success", "succeeded", "successful"}
HEADER_SCAN_ROWS = 20

ROLL = ("花名册", [("id", ["身份证号", "id_number"], True), ("name", ["姓名", "name"], True),
                 ("card", ["银行卡号", "卡号", "card_number"], True), ("amount", ["金额", "amount"], True)])
BANK = ("银行结果", [("id", ["身份证号", "id_number"], True), ("name", ["姓名", "name"], True),
                  ("card", ["银行卡号", "卡号", "card_number"], True),
                  ("amount", ["金额", "实发金额", "amount_paid"], True), ("status", ["状态", "status"], True),
                  ("failure_reason", ["失败原因", "failure_reason"], False),
                  ("transaction_date", ["交易日期", "transaction_date"], False)])


class FileProblem(Exception):
    pass


def decode(data):
    """TextDecoding: a byte-order mark decides, then valid UTF-8, then GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith(b"\xff\xfe"):
        return data[2:].decode("utf-16-le")
    if data.startswith(b"\xfe\xff"):
        return data[2:].decode("utf-16-be")
    if data.startswith(b"\x84\x31\x95\x33"):
        return data[4:].decode("gb18030")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def parse_csv(text):
    """RFC 4180 with Excel's leniency (CSVParser): yields (record number, fields)."""
    records = []
    i, n, number = 0, len(text), 1
    if n == 0:
        return records
    fields = []
    while True:
        if i < n and text[i] == '"':
            i += 1
            value = []
            while True:
                q = text.find('"', i)
                if q < 0:
                    raise FileProblem(f"第 {number} 行：引号未闭合")
                value.append(text[i:q])
                if q + 1 < n and text[q + 1] == '"':
                    value.append('"')
                    i = q + 2
                else:
                    i = q + 1
                    break
            while i < n and text[i] not in ",\r\n":
                value.append(text[i])
                i += 1
            fields.append("".join(value))
        else:
            start = i
            while i < n and text[i] not in ",\r\n":
                i += 1
            fields.append(text[start:i])
        if i >= n:
            records.append((number, fields))
            return records
        if text[i] == ",":
            i += 1
            if i >= n:
                fields.append("")
                records.append((number, fields))
                return records
            continue
        i += 2 if text[i] == "\r" and i + 1 < n and text[i + 1] == "\n" else 1
        records.append((number, fields))
        fields = []
        number += 1
        if i >= n:
            return records


def trim_cell(text):
    return text.strip(CELL_BLANKS)


def trim_id(text):
    """String.trimmingIDWhitespace."""
    start, end = 0, len(text)
    while start < end and (text[start] in WHITE_SPACE or text[start] == "\ufeff"):
        start += 1
    while end > start and text[end - 1] in WHITE_SPACE:
        end -= 1
    return text[start:end]


def normalise_header(text):
    text = "".join(ch for ch in text if ch not in CELL_BLANKS)
    text = "".join(chr(ord(ch) + 32) if "A" <= ch <= "Z" else ch for ch in text)
    while text.endswith(("*", "＊")):
        text = text[:-1]
    while text.startswith(("*", "＊")):
        text = text[1:]
    return text


def is_rounded_number(text):
    """XLSXNumberText.isScientificDamage: `4.30582E+17`, a long number Excel rounded."""
    if not 5 <= len(text.encode()) <= 24:
        return False
    e = next((k for k, ch in enumerate(text) if ch in "Ee"), None)
    if e is None or e == 0:
        return False
    mantissa, rest = text[:e], text[e + 1:]
    if not mantissa[0].isdigit() or not all(ch.isascii() and (ch.isdigit() or ch == ".") for ch in mantissa):
        return False
    if rest.startswith("+"):
        rest = rest[1:]
    try:
        exponent, value = int(rest), float(text)
    except ValueError:
        return False
    return exponent > 0 and abs(value) >= 1e15


def parse_yuan(text):
    """Money.parseYuan: fen, or a reason."""
    trimmed = trim_id(text)
    if not trimmed:
        raise ValueError("金额为空")
    body, negative = trimmed, False
    if body[0] in "+-":
        negative, body = body[0] == "-", body[1:]
    whole = fraction = digits = 0
    point = seen_digit = False
    for ch in body:
        if "0" <= ch <= "9":
            seen_digit = True
            if point:
                digits += 1
                if digits > 2:
                    raise ValueError(f"金额“{trimmed}”超过两位小数")
                fraction = fraction * 10 + int(ch)
            else:
                if whole >= 10 ** 12:
                    raise ValueError(f"金额“{trimmed}”过大")
                whole = whole * 10 + int(ch)
        elif ch == "." and not point:
            point = True
        elif ch == ",":
            raise ValueError(f"金额“{trimmed}”含千位分隔符逗号")
        else:
            raise ValueError(f"金额“{trimmed}”不是数字")
    if not seen_digit:
        raise ValueError(f"金额“{trimmed}”不是数字")
    if digits == 1:
        fraction *= 10
    fen = whole * 100 + fraction
    return -fen if negative else fen


def yuan(fen):
    sign = "-" if fen < 0 else ""
    return f"{sign}{abs(fen) // 100}.{abs(fen) % 100:02d}"


def valid_date(year, month, day):
    if year < 1850 or not 1 <= month <= 12:
        return False
    days = [31, 29 if (year % 4 == 0 and year % 100 != 0) or year % 400 == 0 else 28,
            31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    return 1 <= day <= days


def check_character(first17):
    return CHECK_CHARACTERS[sum(int(d) * w for d, w in zip(first17, WEIGHTS)) % 11]


def id_key(raw):
    """ResidentID.comparisonKey."""
    text = trim_id(raw)
    ascii_digits = lambda s: all("0" <= ch <= "9" for ch in s)
    if len(text) == 15 and text.isascii() and ascii_digits(text):
        full = text[:6] + "19" + text[6:]
        if valid_date(int(full[6:10]), int(full[10:12]), int(full[12:14])):
            return full + check_character(full)
    elif len(text) == 18 and text.isascii():
        candidate = text[:17] + ("X" if text[17] == "x" else text[17])
        if (ascii_digits(candidate[:17]) and (candidate[17] == "X" or ascii_digits(candidate[17]))
                and valid_date(int(candidate[6:10]), int(candidate[10:12]), int(candidate[12:14]))
                and check_character(candidate[:17]) == candidate[17]):
            return candidate
    return text.upper()


def compact(text):
    return "".join(ch for ch in text if ch not in CELL_BLANKS)


def is_success(status):
    folded = "".join(chr(ord(ch) + 32) if "A" <= ch <= "Z" else ch for ch in trim_id(status))
    return folded in SUCCESS_WORDS


def read_rows(path, spec):
    """The file's data rows as dicts of trimmed cells; raises FileProblem listing every error."""
    role, columns = spec
    with open(path, "rb") as handle:
        data = handle.read()
    if not data:
        raise FileProblem(f"{path}: 文件是空的")
    records = parse_csv(decode(data))
    aliases = {}
    for index, (key, names, _) in enumerate(columns):
        for name in names + [key]:
            aliases.setdefault(normalise_header(name), index)
    required = {key for key, _, needed in columns if needed}
    positions, scanned, data_start = None, 0, None
    for at, (number, fields) in enumerate(records):
        if all(trim_cell(f) == "" for f in fields):
            continue
        scanned += 1
        found = {}
        for column, cell in enumerate(fields):
            spec_index = aliases.get(normalise_header(cell))
            if spec_index is not None:
                found.setdefault(spec_index, column)
        if required <= {columns[k][0] for k in found}:
            positions, data_start = {columns[k][0]: c for k, c in found.items()}, at + 1
            break
        if scanned >= HEADER_SCAN_ROWS:
            break
    if positions is None:
        raise FileProblem(f"{path}: 没有找到包含所有必需列的表头")
    rows, errors = [], []
    for number, fields in records[data_start:]:
        if all(trim_cell(f) == "" for f in fields):
            continue
        cells = {key: trim_cell(fields[c]) if c < len(fields) else "" for key, c in positions.items()}
        problems = []
        if trim_id(cells["id"]) == "":
            problems.append("身份证号为空")
        elif is_rounded_number(cells["id"]):
            problems.append("身份证号被 Excel 按数字保存")
        if is_rounded_number(cells["card"]):
            problems.append("银行卡号被 Excel 按数字保存")
        try:
            cells["fen"] = parse_yuan(cells["amount"])
        except ValueError as reason:
            problems.append(str(reason))
        if problems:
            errors.extend(f"{path}:{number}: {role} {p}" for p in problems)
        else:
            rows.append(cells)
    if errors:
        raise FileProblem("\n".join(errors))
    return rows


def reconcile(roll, paid):
    """(kind, key, detail) rows in report order."""
    roll_by_key, paid_by_key = {}, {}
    for row in roll:
        roll_by_key.setdefault(id_key(row["id"]), []).append(row)
    for row in paid:
        paid_by_key.setdefault(id_key(row["id"]), []).append(row)
    out = []
    for key in set(roll_by_key) | set(paid_by_key):
        r, p = roll_by_key.get(key, []), paid_by_key.get(key, [])
        if len(r) > 1 or len(p) > 1:
            if len(r) > 1:
                out.append(("duplicate_in_roll", key, f"count={len(r)}"))
            if len(p) > 1:
                out.append(("duplicate_in_paid", key, f"count={len(p)}"))
        elif not p:
            out.append(("in_roll_not_paid", key, f"amount={yuan(r[0]['fen'])}"))
        elif not r:
            out.append(("paid_not_in_roll", key, f"amount={yuan(p[0]['fen'])}"))
        else:
            a, b = r[0], p[0]
            if compact(a["name"]) != compact(b["name"]):
                out.append(("name_mismatch", key, f"roll={compact(a['name'])}|paid={compact(b['name'])}"))
            if compact(a["card"]) != compact(b["card"]):
                out.append(("card_mismatch", key, f"roll={compact(a['card'])}|paid={compact(b['card'])}"))
            # A failed payment is counted once, as payment_failed.
            if a["fen"] != b["fen"] and is_success(b["status"]):
                out.append(("amount_mismatch", key, f"roll={yuan(a['fen'])}|paid={yuan(b['fen'])}"))
            if not is_success(b["status"]):
                out.append(("payment_failed", key, f"status={trim_id(b['status'])}"))
    return sorted(out, key=lambda row: (row[1], row[0], row[2]))


PLAIN_NUMBER = re.compile(r"[+-][0-9]+(\.[0-9]+)?")


def neutralise(field):
    """CSVFormulaGuard: a cell a spreadsheet would run as a formula gets a leading apostrophe."""
    if field[:1] in ("=", "+", "-", "@", "\t", "\r") and not PLAIN_NUMBER.fullmatch(field):
        return "'" + field
    return field


def escape(field):
    field = neutralise(field)
    if any(ch in field for ch in ',"\r\n'):
        return '"' + field.replace('"', '""') + '"'
    return field


def report_csv(differences):
    return "kind,id_number,detail\n" + "".join(
        f"{kind},{escape(key)},{escape(detail)}\n" for kind, key, detail in differences)


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: reconcile_reference.py ROLL.csv BANK.csv REPORT.csv")
    roll_path, bank_path, out_path = sys.argv[1:]
    problems = []
    rows = {}
    for name, path, spec in (("roll", roll_path, ROLL), ("bank", bank_path, BANK)):
        try:
            rows[name] = read_rows(path, spec)
        except FileProblem as problem:
            problems.append(str(problem))
    if problems:
        print("\n".join(problems), file=sys.stderr)
        sys.exit(1)
    with open(out_path, "w", encoding="utf-8", newline="") as out:
        out.write(report_csv(reconcile(rows["roll"], rows["bank"])))


if __name__ == "__main__":
    main()
