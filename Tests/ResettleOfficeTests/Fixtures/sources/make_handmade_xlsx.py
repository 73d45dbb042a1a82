# Writes handmade.xlsx: SpreadsheetML features that LibreOffice never emits but Excel, WPS
# and bank systems do. Run: python3 make_handmade_xlsx.py handmade.xlsx
import sys, zipfile

NS = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
parts = {
"[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/data.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
"_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/xl/workbook.xml"/></Relationships>',
# Sheet target given as an absolute path, shared strings and styles with non-default names.
"xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/><Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="./styles.xml"/></Relationships>',
"xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><x:workbook {NS}><x:sheets><x:sheet name="发放表" sheetId="3" r:id="rId7"/></x:sheets></x:workbook>',
"xl/strings.xml": '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">'
  '<si><t>姓名</t></si>'
  '<si><r><t>张</t></r><r><rPr><b/></rPr><t>三丰</t></r><rPh sb="0" eb="1"><t>ZHANG</t></rPh></si>'
  '<si><t>身份证号</t></si>'
  '<si><t xml:space="preserve">&lt;&amp;&gt;&#x4E2D;&#25991;</t></si></sst>',
"xl/styles.xml": '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
  '<numFmts count="2"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="177" formatCode="0.00E+00"/></numFmts>'
  '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>'
  '<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="31"/><xf numFmtId="176"/><xf numFmtId="20"/><xf numFmtId="177"/></cellXfs></styleSheet>',
# No r attributes on rows or cells; x: prefix on every element.
"xl/worksheets/data.xml": f'<?xml version="1.0" encoding="UTF-8"?><x:worksheet {NS}><x:sheetData>'
  '<x:row><x:c t="inlineStr"><x:is><x:t>补助发放表</x:t></x:is></x:c></x:row>'
  '<x:row><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>2</x:v></x:c><x:c t="inlineStr"><x:is><x:t>卡号</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>日期</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>金额</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>状态</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>备注</x:t></x:is></x:c></x:row>'
  '<x:row><x:c t="s"><x:v>1</x:v></x:c><x:c t="inlineStr"><x:is><x:t>430582199001011234</x:t></x:is></x:c><x:c><x:v>6.2284800123456799E+18</x:v></x:c><x:c s="1"><x:v>45351</x:v></x:c><x:c><x:v>0.30000000000000004</x:v></x:c><x:c t="b"><x:v>1</x:v></x:c><x:c t="str"><x:f>A3&amp;"x"</x:f><x:v>合计</x:v></x:c></x:row>'
  '<x:row><x:c t="inlineStr"><x:is><x:r><x:t xml:space="preserve"> 李</x:t></x:r><x:r><x:t xml:space="preserve">四 </x:t></x:r></x:is></x:c><x:c><x:v>123456789012345</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c><x:c s="2"><x:v>45351.75</x:v></x:c><x:c><x:v>1.5E-3</x:v></x:c><x:c t="b"><x:v>0</x:v></x:c><x:c t="s"><x:v>3</x:v></x:c></x:row>'
  '<x:row><x:c t="inlineStr"><x:is><x:t>王五</x:t></x:is></x:c><x:c s="4"><x:v>12345</x:v></x:c><x:c r="E5" s="3"><x:v>0.5</x:v></x:c><x:c t="d"><x:v>2024-02-29T00:00:00</x:v></x:c></x:row>'
  '</x:sheetData></x:worksheet>',
}
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for name, text in parts.items():
        z.writestr(name, text.encode("utf-8"))
