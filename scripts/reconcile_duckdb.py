#!/usr/bin/env python3
"""Roll-versus-bank reconciliation in DuckDB SQL, for benchmarking and cross-checking the Swift
`ReconcileFiles` (issue #4).

    python3 scripts/reconcile_duckdb.py ROLL.csv BANK.csv REPORT.csv

Writes the same report as `resettle reconcile` (`kind,id_number,detail`, sorted by ID then kind,
UTF-8, LF line ends) and prints `seconds=<s>` (reading, comparing and writing, without Python's
start-up and the `import duckdb`), `cpu_seconds=<s>` (user plus system over all of DuckDB's
threads, the same span) and `peak_rss_mib=<n>` (this process's peak resident set, from
`resource.getrusage`).

CSV only, header on the first line, UTF-8 (with or without BOM); any other encoding (GBK/GB18030
from bank systems, UTF-16) is transcoded to a temporary UTF-8 file first, because DuckDB reads
only UTF-8 without its `encodings` extension. Bad amounts (`1,500.00`, `150元`) or blank IDs stop
the script with exit status 1, as the Swift side refuses such files.

The rules are `ResettleCore.Reconciler`'s; the comments say where SQL needs care to match them.
"""
import csv
import os
import re
import resource
import sys
import tempfile
import time

import duckdb

ROLL_COLUMNS = {
    "id": ["身份证号", "id_number"],
    "name": ["姓名", "name"],
    "card": ["银行卡号", "卡号", "card_number"],
    "amount": ["金额", "amount"],
}
BANK_COLUMNS = {
    "id": ["身份证号", "id_number"],
    "name": ["姓名", "name"],
    "card": ["银行卡号", "卡号", "card_number"],
    "amount": ["金额", "实发金额", "amount_paid"],
    "status": ["状态", "status"],
}
SUCCESS_WORDS = ["成功", "已成功", "支付成功", "交易成功", "发放成功", "入账成功", "代发成功",
                 "success", "succeeded", "successful"]

# Blanks the table reader trims from every cell (TableBuilder.trim).
CELL_BLANKS = "\t\n\x0b\x0c\r \u00a0\u3000\ufeff"
# Unicode White_Space plus U+3000: what String.trimmingIDWhitespace trims (it also trims a
# leading U+FEFF).
ID_BLANKS = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B)))

# trim/ltrim/rtrim with a character set and translate (which deletes characters it has no
# replacement for) are plain character scans, but slow ones; they run only for the rare cell
# whose first or last character is a blank (tested with ascii(), the first code point) or that
# holds a blank at all.
def code_points(chars):
    return ", ".join(str(ord(ch)) for ch in chars)


SETUP = f"""
CREATE MACRO cell(s) AS CASE
    WHEN s IS NULL THEN ''
    WHEN ascii(s) NOT IN ({code_points(CELL_BLANKS)}) AND ascii(right(s, 1)) NOT IN ({code_points(CELL_BLANKS)}) THEN s
    ELSE trim(s, '{CELL_BLANKS}') END;
CREATE MACRO id_trim(s) AS CASE
    WHEN ascii(s) NOT IN ({code_points(ID_BLANKS + chr(0xFEFF))}) AND ascii(right(s, 1)) NOT IN ({code_points(ID_BLANKS)}) THEN s
    ELSE rtrim(ltrim(s, '{ID_BLANKS}\ufeff'), '{ID_BLANKS}') END;
CREATE MACRO compact(s) AS CASE
    WHEN regexp_matches(s, '[{CELL_BLANKS}]') THEN translate(s, '{CELL_BLANKS}', '') ELSE s END;
-- Check character of the first 17 digits (GB 11643).
CREATE MACRO check_char(s) AS substr('10X98765432', 1 + ({" + ".join(
    f"(ascii(substr(s, {i + 1}, 1)) - 48) * {w}"
    for i, w in enumerate([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]))}) % 11, 1);
-- ResidentID.comparisonKey. An 18-character key is the text upper-cased whether or not the
-- number is valid (a valid one differs from its text only by x -> X); only 15 digits with a
-- real birth date become a different, 18-digit key.
CREATE MACRO id_key(t) AS CASE
    WHEN length(t) = 15 AND regexp_full_match(t, '[0-9]{{15}}') AND try_strptime('19' || substr(t, 7, 6), '%Y%m%d') IS NOT NULL
    THEN substr(t, 1, 6) || '19' || substr(t, 7, 9) || check_char(substr(t, 1, 6) || '19' || substr(t, 7, 9))
    ELSE upper(t) END;
-- Money.yuan: fen to '150.00', sign kept.
CREATE MACRO yuan(f) AS (CASE WHEN f < 0 THEN '-' ELSE '' END)
    || CAST(abs(f) // 100 AS VARCHAR) || '.' || lpad(CAST(abs(f) % 100 AS VARCHAR), 2, '0');
"""

# Money.parseYuan after trimming: optional sign, digits, at most one point, at most two decimals,
# at least one digit; the whole part below 10^13 is checked separately.
AMOUNT_PATTERN = r"[+-]?([0-9]+(\.[0-9]{0,2})?|\.[0-9]{1,2})"


def normalise_header(text):
    text = "".join(ch for ch in text if ch not in " \t\n\x0b\x0c\r\u00a0\u3000\ufeff")
    text = "".join(chr(ord(ch) + 32) if "A" <= ch <= "Z" else ch for ch in text)
    return text.strip("*＊")


def utf8_file(path, temporary):
    """The path of a UTF-8 version of `path`, decided as TextDecoding does."""
    with open(path, "rb") as handle:
        head = handle.read(4)
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        encoding = "utf-16"
    elif head == b"\x84\x31\x95\x33":
        encoding = "gb18030"
    else:
        with open(path, "rb") as handle:
            data = handle.read()
        try:
            data.decode("utf-8")
            return path
        except UnicodeDecodeError:
            encoding = "gb18030"
    with open(path, "rb") as handle:
        text = handle.read().decode(encoding)
    if text.startswith("\ufeff"):
        text = text[1:]
    converted = os.path.join(temporary, os.path.basename(path) + ".utf8.csv")
    with open(converted, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
    return converted


def header(path):
    """The first record's cells, named uniquely as DuckDB would (a repeated name gets `_1`)."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        cells = next(csv.reader(handle), [])
    names, seen = [], set()
    for cell in cells:
        name, suffix = cell or "column", 0
        while name in seen:
            suffix += 1
            name = f"{cell}_{suffix}"
        seen.add(name)
        names.append(name)
    return names


def load(con, table, path, columns):
    """Creates `table` with the key, compacted fields and amount in fen of every non-blank row, in
    one pass over the file (intermediate tables would cost more than the comparison)."""
    names = header(path)
    found = {}
    for key, aliases in columns.items():
        wanted = {normalise_header(a) for a in aliases}
        matches = [n for n in names if normalise_header(n) in wanted]
        if not matches:
            sys.exit(f"{path}: missing column {aliases[0]}")
        found[key] = '"' + matches[0].replace('"', '""') + '"'
    not_blank = " OR ".join(f"""cell("{n.replace('"', '""')}") <> ''""" for n in names)
    status_cell = f", id_trim(cell({found['status']})) AS status" if "status" in found else ""
    status = ", status" if "status" in found else ""
    # Every column as text, named from the header: no sniffing pass over the file.
    con.execute(f"""CREATE TABLE {table} AS
        SELECT id_key(id) AS key, compact(name) AS name, compact(card) AS card,
               CAST(TRY_CAST(amount AS DECIMAL(38, 2)) * 100 AS BIGINT) AS fen{status},
               id = '' OR NOT regexp_full_match(amount, '{AMOUNT_PATTERN}')
                   OR abs(TRY_CAST(amount AS DECIMAL(38, 2))) >= 10000000000000 AS bad
        FROM (SELECT id_trim(cell({found['id']})) AS id, cell({found['name']}) AS name, cell({found['card']}) AS card,
                     id_trim(cell({found['amount']})) AS amount{status_cell}
              FROM read_csv(?, header = true, auto_detect = false, columns = ?, delim = ',', quote = '"',
                            escape = '"', null_padding = true)
              WHERE {not_blank})""", [path, {name: "VARCHAR" for name in names}])
    bad = con.execute(f"SELECT count(*) FROM {table} WHERE bad").fetchone()[0]
    if bad:
        sys.exit(f"{path}: {bad} rows with a blank ID or an amount that is not plain yuan")


REPORT = f"""
WITH rolls AS (SELECT key, count(*) AS n, any_value(name) AS name, any_value(card) AS card, any_value(fen) AS fen
               FROM roll GROUP BY key),
     paids AS (SELECT key, count(*) AS n, any_value(name) AS name, any_value(card) AS card, any_value(fen) AS fen,
                      any_value(status) AS status FROM paid GROUP BY key),
     joined AS (SELECT coalesce(r.key, p.key) AS key, r.n AS rn, p.n AS pn,
                       r.name AS rname, p.name AS pname, r.card AS rcard, p.card AS pcard, r.fen AS rfen, p.fen AS pfen,
                       p.status AS status
                FROM rolls r FULL OUTER JOIN paids p ON r.key = p.key),
     single AS (SELECT * FROM joined WHERE rn = 1 AND pn = 1)
SELECT kind, key, detail FROM (
    SELECT 'duplicate_in_roll' AS kind, key, 'count=' || rn AS detail FROM joined WHERE rn > 1
    UNION ALL SELECT 'duplicate_in_paid', key, 'count=' || pn FROM joined WHERE pn > 1
    UNION ALL SELECT 'in_roll_not_paid', key, 'amount=' || yuan(rfen) FROM joined WHERE rn = 1 AND pn IS NULL
    UNION ALL SELECT 'paid_not_in_roll', key, 'amount=' || yuan(pfen) FROM joined WHERE pn = 1 AND rn IS NULL
    UNION ALL SELECT 'name_mismatch', key, 'roll=' || rname || '|paid=' || pname FROM single WHERE rname <> pname
    UNION ALL SELECT 'card_mismatch', key, 'roll=' || rcard || '|paid=' || pcard FROM single WHERE rcard <> pcard
    -- A failed payment is counted once, as payment_failed, never also as an amount mismatch.
    UNION ALL SELECT 'amount_mismatch', key, 'roll=' || yuan(rfen) || '|paid=' || yuan(pfen) FROM single
        WHERE rfen <> pfen AND lower(status) IN ({", ".join("'" + w + "'" for w in SUCCESS_WORDS)})
    -- PaymentStatusRule: trimmed, ASCII case folded, one of a fixed list of words.
    UNION ALL SELECT 'payment_failed', key, 'status=' || status FROM single
        WHERE lower(status) NOT IN ({", ".join("'" + w + "'" for w in SUCCESS_WORDS)})
)
ORDER BY key, kind, detail
"""


PLAIN_NUMBER = re.compile(r"[+-][0-9]+(\.[0-9]+)?")


def neutralise(field):
    """CSVFormulaGuard: a cell a spreadsheet would run as a formula gets a leading apostrophe."""
    if field[:1] in ("=", "+", "-", "@", "\t", "\r") and not PLAIN_NUMBER.fullmatch(field):
        return "'" + field
    return field


def escape(field):
    field = neutralise(field)
    if any(c in field for c in ',"\r\n'):
        return '"' + field.replace('"', '""') + '"'
    return field


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: reconcile_duckdb.py ROLL.csv BANK.csv REPORT.csv")
    roll_path, bank_path, out_path = sys.argv[1:]
    start = time.perf_counter()
    cpu_start = cpu_seconds()
    with tempfile.TemporaryDirectory() as temporary:
        con = duckdb.connect()
        con.execute(SETUP)
        load(con, "roll", utf8_file(roll_path, temporary), ROLL_COLUMNS)
        load(con, "paid", utf8_file(bank_path, temporary), BANK_COLUMNS)
        rows = con.execute(REPORT).fetchall()
    with open(out_path, "w", encoding="utf-8", newline="") as out:
        out.write("kind,id_number,detail\n")
        for kind, key, detail in rows:
            out.write(f"{kind},{escape(key)},{escape(detail)}\n")
    seconds = time.perf_counter() - start
    cpu = cpu_seconds() - cpu_start
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"differences={len(rows)}")
    print(f"seconds={seconds:.3f}")
    print(f"cpu_seconds={cpu:.3f}")
    print(f"peak_rss_mib={peak_mib}")


if __name__ == "__main__":
    main()
