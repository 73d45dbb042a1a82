"""Cross-checks `resettle reconcile` against an independent Python implementation of the rules
(scripts/reconcile_reference.py) and, when duckdb is importable, against the DuckDB SQL version
(scripts/reconcile_duckdb.py): byte for byte, on generated files with every kind of difference
and the spellings real files use (15-digit IDs, lower-case x, full-width spaces, grouped card
numbers, a GBK-encoded bank file, duplicates in both files, failed statuses).

    RESETTLE_BIN=/path/to/resettle python3 -m pytest Tests/reconcile

RESETTLE_BIN defaults to <repo>/.build/debug/resettle; the binary tests are skipped when it is
missing. The binary is called as `resettle reconcile ROLL BANK --out REPORT.csv` and must exit 0
with the report written, or non-zero with no report for files it refuses.
"""
import csv
import datetime
import io
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPTS = REPO / "scripts"
BINARY = Path(os.environ.get("RESETTLE_BIN", REPO / ".build" / "debug" / "resettle"))
KINDS = ["amount_mismatch", "card_mismatch", "duplicate_in_paid", "duplicate_in_roll", "in_roll_not_paid",
         "name_mismatch", "paid_not_in_roll", "payment_failed"]
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ROLL_HEADER = ["身份证号", "姓名", "银行卡号", "金额"]
BANK_HEADER = ["身份证号", "姓名", "银行卡号", "实发金额", "状态", "失败原因", "交易日期"]

needs_binary = pytest.mark.skipif(not BINARY.exists(), reason=f"resettle binary not found at {BINARY} (set RESETTLE_BIN)")


def check_character(first17):
    return "10X98765432"[sum(int(d) * w for d, w in zip(first17, WEIGHTS)) % 11]


def person_id(index):
    """A valid, unique 18-character ID: a distinct (birth day, sequence) per person."""
    birth = datetime.date(1940, 1, 1) + datetime.timedelta(days=index // 500)
    body = ["430582", "430521", "110105"][index % 3] + birth.strftime("%Y%m%d") + f"{index % 500:03d}"
    return body + check_character(body)


def fifteen(id18):
    return id18[:6] + id18[8:17]


def wrong_check(id18):
    return id18[:17] + ("0" if id18[17] != "0" else "1")


def make_files(directory, people=3000, seed=4):
    """Writes roll.csv (UTF-8 with BOM) and bank.csv (GBK) and returns their paths."""
    rng = random.Random(seed)
    surnames = ["王", "李", "张", "刘", "陈", "欧阳", "曾", "彭"]
    given = ["伟", "芳", "秀英", "建国", "冬梅", "志强", "玉兰", "春生"]
    roll, bank = [], []

    def clean_status():
        return rng.choice(["成功", "成功", "成功", "SUCCESS", "success", "已成功", " 成功 ", "交易成功"])

    for index in range(people):
        pid = person_id(index)
        name = rng.choice(surnames) + rng.choice(given)
        card = "6217" + "".join(rng.choice("0123456789") for _ in range(15))
        amount = rng.choice(["150.00", "150.00", "300.00", "150", "150.0"])
        row = [pid, name, card, amount]
        paid = [pid, name, card, amount, "成功", "", "2024-07-15"]
        scenario = rng.randrange(40)
        if scenario >= 16:
            # A clean person, written as real files write people.
            variant = rng.randrange(10)
            if variant == 0:
                paid[0] = fifteen(pid)
            elif variant == 1:
                paid[0] = pid[:17] + pid[17].lower()
            elif variant == 2:
                paid[0] = "\u3000" + pid + " "
            elif variant == 3:
                paid[1] = name[0] + "\u3000" + name[1:] + " "
            elif variant == 4:
                paid[2] = " ".join(card[i:i + 4] for i in range(0, len(card), 4))
            elif variant == 5:
                row[1] = "\u00a0" + name
            paid[4] = clean_status()
            roll.append(row)
            bank.append(paid)
        elif scenario == 0:  # duplicate in the roll, one copy in the old 15-digit form
            roll += [row, [fifteen(pid)] + row[1:]] + ([row] if rng.random() < 0.5 else [])
            if rng.random() < 0.5:
                bank.append(paid)
        elif scenario == 1:  # duplicate in the bank file
            roll.append(row)
            bank += [paid, [pid.lower(), " " + name] + paid[2:]]
        elif scenario == 2:  # duplicate in both
            roll += [row, row]
            bank += [paid, paid, paid]
        elif scenario == 3:  # sent, never paid
            roll.append(row)
        elif scenario == 4:  # paid, never sent (a failed one still counts only as paid_not_in_roll)
            paid[4] = rng.choice(["成功", "失败"])
            bank.append(paid)
        elif scenario == 5:  # another name, sometimes one that needs quoting in the report
            roll.append(row)
            bank.append([pid, rng.choice(["张,三", '李"四', name + "某"])] + paid[2:])
        elif scenario == 6:
            roll.append(row)
            bank.append(paid[:2] + [card[:-1] + str((int(card[-1]) + 1) % 10)] + paid[3:])
        elif scenario == 7:
            roll.append(row)
            bank.append(paid[:3] + ["140.00"] + paid[4:])
        elif scenario == 8:  # the bank says it failed, in its own words
            roll.append(row)
            bank.append(paid[:4] + [rng.choice(["失败", "账户不存在", " 户名不符 ", "FAIL", "1", "0"]), "账户异常", ""])
        elif scenario == 9:  # everything differs at once
            roll.append(row)
            bank.append([pid, name + "某", card[:-1] + "x", "0", "失败", "", ""])
        elif scenario == 10:  # an invalid ID sent, never paid
            roll.append([wrong_check(pid)] + row[1:])
        elif scenario == 11:  # the same invalid ID on both sides, blanks and case aside
            bad = wrong_check(pid)[:14] + "ab" + pid[16:]
            roll.append([bad] + row[1:])
            bank.append([" " + bad.upper() + "\u3000"] + paid[1:])
        elif scenario == 12:  # a 15-digit number whose birth date does not exist
            bad = pid[:6] + "991332" + pid[14:17]
            roll.append([bad] + row[1:])
            bank.append([bad] + paid[1:])
        elif scenario == 13:  # negative and odd amounts
            roll.append(row[:3] + ["-3.2"])
            bank.append(paid[:3] + ["+.5"] + paid[4:])
        else:
            roll.append(row)
            bank.append(paid)
    rng.shuffle(roll)
    rng.shuffle(bank)
    # Blank records, which readers skip, in the middle of each file.
    roll.insert(len(roll) // 2, ["", "", "", ""])
    bank.insert(len(bank) // 3, ["", "", "", "", "", "", ""])
    roll_path, bank_path = directory / "roll.csv", directory / "bank.csv"
    write_csv(roll_path, [ROLL_HEADER] + roll, "utf-8-sig")
    write_csv(bank_path, [BANK_HEADER] + bank, "gbk")
    return roll_path, bank_path


def write_csv(path, rows, encoding):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))


def reference(roll, bank, out):
    return subprocess.run([sys.executable, str(SCRIPTS / "reconcile_reference.py"), str(roll), str(bank), str(out)],
                          capture_output=True, text=True)


def resettle(roll, bank, out):
    return subprocess.run([str(BINARY), "reconcile", str(roll), str(bank), "--out", str(out)],
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    directory = tmp_path_factory.mktemp("reconcile")
    roll, bank = make_files(directory)
    out = directory / "reference.csv"
    result = reference(roll, bank, out)
    assert result.returncode == 0, result.stderr
    return roll, bank, out.read_bytes()


def test_generated_files_produce_every_kind(generated):
    _, bank, report = generated
    kinds = {line.split(",", 1)[0] for line in report.decode("utf-8").splitlines()[1:]}
    assert kinds == set(KINDS)
    with pytest.raises(UnicodeDecodeError):
        bank.read_bytes().decode("utf-8")  # really GBK, not UTF-8


def test_reference_follows_the_rules_on_a_hand_made_case(tmp_path):
    roll, bank, out = tmp_path / "r.csv", tmp_path / "b.csv", tmp_path / "o.csv"
    write_csv(roll, [ROLL_HEADER,
                     ["11010519491231002x", "王,五", "6217 0000 0000 0000 002", "150"],
                     ["430582900101123", "张三", "6217000000000000001", "150.5"],
                     ["430582199202024004", "李四", "6217000000000000009", "150.00"],
                     ["430582199202024004", "李四", "6217000000000000009", "150.00"]], "utf-8")
    write_csv(bank, [BANK_HEADER,
                     ["11010519491231002X", "王 五", "6217000000000000002", "150.00", "SUCCESS", "", ""],
                     ["430582190001011230", "赵六", "6217000000000000007", "75", "失败", "", ""],
                     ["430582199001011231", "张三", "6217000000000000001", "150.50", " 账户已冻结 ", "", ""]], "gbk")
    assert reference(roll, bank, out).returncode == 0
    assert out.read_text(encoding="utf-8") == (
        "kind,id_number,detail\n"
        'name_mismatch,11010519491231002X,"roll=王,五|paid=王五"\n'
        "paid_not_in_roll,430582190001011230,amount=75.00\n"
        "payment_failed,430582199001011231,status=账户已冻结\n"
        "duplicate_in_roll,430582199202024004,count=2\n")


@needs_binary
def test_resettle_matches_the_reference_byte_for_byte(generated, tmp_path):
    roll, bank, expected = generated
    out = tmp_path / "resettle.csv"
    result = resettle(roll, bank, out)
    assert result.returncode == 0, f"`{BINARY.name} reconcile` exited {result.returncode}: {result.stderr[:1500]}"
    assert out.read_bytes() == expected


def test_duckdb_matches_the_reference_byte_for_byte(generated, tmp_path):
    pytest.importorskip("duckdb", reason="duckdb not installed (pip install duckdb)")
    roll, bank, expected = generated
    out = tmp_path / "duckdb.csv"
    result = subprocess.run([sys.executable, str(SCRIPTS / "reconcile_duckdb.py"), str(roll), str(bank), str(out)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == expected


@needs_binary
@pytest.mark.parametrize("amount", ["1,500.00", "150元", ""])
def test_resettle_and_reference_refuse_bad_amounts(tmp_path, amount):
    roll, bank, out = tmp_path / "r.csv", tmp_path / "b.csv", tmp_path / "o.csv"
    write_csv(roll, [ROLL_HEADER, ["430582199001011231", "张三", "6217000000000000001", amount]], "utf-8")
    write_csv(bank, [BANK_HEADER, ["430582199001011231", "张三", "6217000000000000001", "150", "成功", "", ""]], "utf-8")
    assert reference(roll, bank, tmp_path / "ref.csv").returncode == 1
    result = resettle(roll, bank, out)
    assert result.returncode != 0
    assert not out.exists()


@needs_binary
def test_resettle_and_reference_refuse_a_blank_id(tmp_path):
    roll, bank, out = tmp_path / "r.csv", tmp_path / "b.csv", tmp_path / "o.csv"
    write_csv(roll, [ROLL_HEADER, ["\u3000", "张三", "6217000000000000001", "150"]], "utf-8")
    write_csv(bank, [BANK_HEADER], "utf-8")
    assert reference(roll, bank, tmp_path / "ref.csv").returncode == 1
    result = resettle(roll, bank, out)
    assert result.returncode != 0
    assert not out.exists()
