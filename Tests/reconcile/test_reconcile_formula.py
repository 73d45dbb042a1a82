"""An ID typed as a formula comes out of every reconcile implementation neutralised the same way
(CSVFormulaGuard): `resettle reconcile`, the Python reference and, when installed, DuckDB."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPTS = REPO / "scripts"
BINARY = Path(os.environ.get("RESETTLE_BIN", REPO / ".build" / "debug" / "resettle"))

ROLL = "身份证号,姓名,银行卡号,金额\n430582199001011231,张三,6217000000000000001,150\n@SUM(A1),李四,6217000000000000002,150\n"
BANK = ("身份证号,姓名,银行卡号,金额,状态\n430582199001011231,张三,6217000000000000001,150,成功\n"
        "=1+1,王五,6217000000000000003,150,成功\n-5,赵,1,150,成功\n")
EXPECTED = ("kind,id_number,detail\n"
            "paid_not_in_roll,-5,amount=150.00\n"
            "paid_not_in_roll,'=1+1,amount=150.00\n"
            "in_roll_not_paid,'@SUM(A1),amount=150.00\n")


@pytest.fixture
def files(tmp_path):
    roll, bank = tmp_path / "roll.csv", tmp_path / "bank.csv"
    roll.write_text(ROLL, encoding="utf-8")
    bank.write_text(BANK, encoding="utf-8")
    return roll, bank


def test_reference_neutralises_formula_ids(files, tmp_path):
    out = tmp_path / "ref.csv"
    subprocess.run([sys.executable, str(SCRIPTS / "reconcile_reference.py"), *map(str, files), str(out)], check=True)
    assert out.read_text(encoding="utf-8") == EXPECTED


@pytest.mark.skipif(not BINARY.exists(), reason=f"resettle binary not found at {BINARY} (set RESETTLE_BIN)")
def test_resettle_neutralises_formula_ids_like_the_reference(files, tmp_path):
    out = tmp_path / "resettle.csv"
    subprocess.run([str(BINARY), "reconcile", *map(str, files), "--out", str(out)], check=True, capture_output=True)
    assert out.read_text(encoding="utf-8") == EXPECTED


def test_duckdb_neutralises_formula_ids_like_the_reference(files, tmp_path):
    pytest.importorskip("duckdb", reason="duckdb not installed (pip install duckdb)")
    out = tmp_path / "duckdb.csv"
    subprocess.run([sys.executable, str(SCRIPTS / "reconcile_duckdb.py"), *map(str, files), str(out)], check=True,
                   capture_output=True)
    assert out.read_text(encoding="utf-8") == EXPECTED
