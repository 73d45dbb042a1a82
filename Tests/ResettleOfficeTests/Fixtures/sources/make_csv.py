# Writes the CSV fixtures. Run: python3 make_csv.py OUTDIR
import sys, os
out = sys.argv[1]
rows = [
    "XX县移民后期扶持资金发放清单",
    "户主姓名,身份证号,银行卡号,发放金额",
    '张三,43058219900101123X,6228480012345678901,600.00',
    '"李,四","430582199202024000","6217001234567890123","1,200.50"',
    '"王""五""",430582200012310016,4.30582E+17,"多行',
    '备注"',
    ",,,",
    "赵六　,　430582198805050055 ,6228480000000000001,0.01",
]
text = "\r\n".join(rows) + "\r\n"
open(os.path.join(out, "gbk.csv"), "wb").write(text.encode("gb18030"))
open(os.path.join(out, "utf16le.csv"), "wb").write(b"\xff\xfe" + text.encode("utf-16-le"))
