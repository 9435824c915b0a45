// Table reader: CSV as spreadsheet programs write it (BOM, CRLF, ';', quotes, blank lines,
// encodings), XLSX written by libxlsxwriter and crafted by hand (inline strings, formulas,
// 1904 dates, DTDs, oversized parts), limits and the error messages.
#include "formats/table_reader.h"

#include <gtest/gtest.h>

#include "formats/table_reader_internal.h"
#include "formats/table_test_support.h"

namespace isms {
namespace {

using table_test::hand_xlsx;
using table_test::make_zip;
using table_test::xlsxwriter_bytes;

std::vector<std::string> texts(const std::vector<TableCell>& row) {
  std::vector<std::string> out;
  for (const TableCell& c : row) out.push_back(c.text);
  return out;
}

using Texts = std::vector<std::string>;

// ---- helpers ----

TEST(ColumnLetters, BothWays) {
  EXPECT_EQ(column_letter(0), "A");
  EXPECT_EQ(column_letter(25), "Z");
  EXPECT_EQ(column_letter(26), "AA");
  EXPECT_EQ(column_letter(701), "ZZ");
  EXPECT_EQ(column_letter(702), "AAA");
  EXPECT_EQ(column_letter(-1), "");
  for (int i = 0; i < 18278; i += 7) EXPECT_EQ(column_index(column_letter(i)), i) << i;
  EXPECT_EQ(column_index("aa"), 26);
  EXPECT_EQ(column_index("XFD"), 16383);
  EXPECT_FALSE(column_index(""));
  EXPECT_FALSE(column_index("A1"));
  EXPECT_FALSE(column_index("ABCD"));
  EXPECT_FALSE(column_index("Ä"));
}

TEST(NumberFormat, ShortestAsShown) {
  using table_detail::format_number;
  EXPECT_EQ(format_number(5.1), "5.1");
  EXPECT_EQ(format_number(5.0999999999999996), "5.1");
  EXPECT_EQ(format_number(12), "12");
  EXPECT_EQ(format_number(0.5), "0.5");
  EXPECT_EQ(format_number(0.1 + 0.2), "0.3");
  EXPECT_EQ(format_number(-3.25), "-3.25");
  EXPECT_EQ(format_number(-0.0), "0");
  EXPECT_EQ(format_number(1000000), "1000000");
  EXPECT_EQ(format_number(123456789012), "123456789012");
  EXPECT_EQ(format_number(1e20), "1e+20");
  EXPECT_EQ(format_number(1.5e-7), "1.5e-07");
}

TEST(DateSerials, Systems1900And1904) {
  using table_detail::date_to_serial;
  using table_detail::serial_to_date;
  EXPECT_EQ(serial_to_date(1, false), "1900-01-01");
  EXPECT_EQ(serial_to_date(59, false), "1900-02-28");
  EXPECT_EQ(serial_to_date(60, false), "1900-02-29");  // Lotus 1-2-3's leap day
  EXPECT_EQ(serial_to_date(61, false), "1900-03-01");
  EXPECT_EQ(serial_to_date(45000, false), "2023-03-15");
  EXPECT_EQ(serial_to_date(45000.75, false), "2023-03-15");  // time of day ignored
  EXPECT_EQ(serial_to_date(2958465, false), "9999-12-31");
  EXPECT_FALSE(serial_to_date(2958466, false));
  EXPECT_FALSE(serial_to_date(-1, false));
  EXPECT_EQ(serial_to_date(0, true), "1904-01-01");
  EXPECT_EQ(serial_to_date(45000 - 1462, true), "2023-03-15");
  EXPECT_EQ(date_to_serial("2023-03-15", false), 45000);
  EXPECT_EQ(date_to_serial("1900-02-28", false), 59);
  EXPECT_EQ(date_to_serial("1900-03-01", false), 61);
  EXPECT_EQ(date_to_serial("2023-03-15", true), 45000 - 1462);
  EXPECT_FALSE(date_to_serial("2023-02-30", false));
}

// ---- CSV ----

TEST(Csv, BomCrlfQuotedCommasAndBlankLines) {
  auto t = read_csv_table(
      "\xEF\xBB\xBF"
      "Control,Title,Applicable\r\n"
      "A.5.1,\"Policies, for information security\",yes\r\n"
      "\r\n"
      "A.5.2,\"Roles \"\"and\"\" responsibilities\nsecond line\",no\r\n");
  ASSERT_TRUE(t.ok()) << t.error().message;
  ASSERT_EQ(t->rows.size(), 4u);
  EXPECT_EQ(texts(t->rows[0]), (Texts{"Control", "Title", "Applicable"}));  // BOM gone
  EXPECT_EQ(texts(t->rows[1]), (Texts{"A.5.1", "Policies, for information security", "yes"}));
  EXPECT_TRUE(t->rows[2].empty());  // the blank line keeps row numbers as shown
  EXPECT_EQ(texts(t->rows[3]),
            (Texts{"A.5.2", "Roles \"and\" responsibilities\nsecond line", "no"}));
  EXPECT_EQ(t->rows[1][0].kind, CellKind::kText);
  EXPECT_EQ(t->sheet_name, "");
  EXPECT_TRUE(t->sheet_names.empty());
}

TEST(Csv, SemicolonAndTabDetectedFromFirstLineOutsideQuotes) {
  auto semi = read_csv_table("\"Ref, id\";Anwendbar;Begründung\n5.1;ja;\"a, b\"\n");
  ASSERT_TRUE(semi.ok());
  EXPECT_EQ(texts(semi->rows[0]), (Texts{"Ref, id", "Anwendbar", "Begründung"}));
  EXPECT_EQ(texts(semi->rows[1]), (Texts{"5.1", "ja", "a, b"}));

  auto tab = read_csv_table("a\tb;c\td\n1\t2\t3\n");
  ASSERT_TRUE(tab.ok());
  EXPECT_EQ(texts(tab->rows[0]), (Texts{"a", "b;c", "d"}));

  // A title line without delimiters does not decide.
  auto titled = read_csv_table("Statement of Applicability\nControl;Applicable\nA.5.1;yes\n");
  ASSERT_TRUE(titled.ok());
  EXPECT_EQ(texts(titled->rows[1]), (Texts{"Control", "Applicable"}));

  auto single = read_csv_table("only\ncolumn\n");
  ASSERT_TRUE(single.ok());
  EXPECT_EQ(single->rows.size(), 2u);
}

TEST(Csv, CrLineEndsRaggedRowsAndEmptyFields) {
  auto t = read_csv_table("a,b,c\rd\r,,x,\r");
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->rows.size(), 3u);
  EXPECT_EQ(texts(t->rows[1]), (Texts{"d"}));
  ASSERT_EQ(t->rows[2].size(), 3u);  // trailing empty field dropped, leading kept
  EXPECT_EQ(t->rows[2][0].kind, CellKind::kEmpty);
  EXPECT_EQ(t->rows[2][2].text, "x");
}

TEST(Csv, EncodingsRefusedWithClearMessages) {
  auto utf16 =
      read_csv_table(std::string("\xFF\xFE"
                                 "C\0o\0",
                                 6));
  ASSERT_FALSE(utf16.ok());
  EXPECT_EQ(utf16.error().code, ErrorCode::kInvalid);
  EXPECT_NE(utf16.error().message.find("UTF-16"), std::string::npos);

  auto latin1 = read_csv_table("Control;Begr\xFCndung\nA.5.1;ok\nA.5.2;f\xFCr\n");
  ASSERT_FALSE(latin1.ok());
  EXPECT_EQ(latin1.error().code, ErrorCode::kInvalid);
  EXPECT_NE(latin1.error().message.find("row 1, column B"), std::string::npos)
      << latin1.error().message;
  EXPECT_NE(latin1.error().message.find("UTF-8"), std::string::npos);

  auto later = read_csv_table("a,b\nc,d\ne,\xC3\x28\n");
  ASSERT_FALSE(later.ok());
  EXPECT_NE(later.error().message.find("row 3, column B"), std::string::npos);
}

TEST(Csv, UnclosedQuoteNamesTheRow) {
  auto t = read_csv_table("a,b\n1,\"open\n2,3\n");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, ErrorCode::kInvalid);
  EXPECT_NE(t.error().message.find("row 2"), std::string::npos) << t.error().message;
}

TEST(Csv, Limits) {
  std::string wide;
  for (size_t i = 0; i <= kTableColumnsMax; ++i) wide += "x,";
  auto w = read_csv_table(wide + "\n");
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.error().code, ErrorCode::kTooLarge);
  EXPECT_NE(w.error().message.find("row 1"), std::string::npos);

  std::string ok_wide;
  for (size_t i = 0; i < kTableColumnsMax; ++i) ok_wide += "x,";
  EXPECT_TRUE(read_csv_table(ok_wide + "\n").ok());

  std::string tall;
  for (size_t i = 0; i <= kTableRowsMax; ++i) tall += "1\n";
  auto t = read_csv_table(tall);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, ErrorCode::kTooLarge);

  std::string big(kTableFileMax + 1, 'a');
  auto b = read_table("big.csv", big, "");
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.error().code, ErrorCode::kTooLarge);
  EXPECT_NE(b.error().message.find("big.csv"), std::string::npos);
}

TEST(ReadTable, ChoosesByContent) {
  auto csv = read_table("soa.xlsx", "a,b\n", "");  // the name does not decide
  ASSERT_TRUE(csv.ok());
  EXPECT_EQ(texts(csv->rows[0]), (Texts{"a", "b"}));
  auto xls = read_table("old.xls", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8), "");
  ASSERT_FALSE(xls.ok());
  EXPECT_NE(xls.error().message.find(".xls"), std::string::npos);
  auto xlsx = read_table("soa.csv",
                         hand_xlsx("<sheetData><row r=\"1\"><c r=\"A1\"><v>7</v></c>"
                                   "</row></sheetData>"),
                         "");
  ASSERT_TRUE(xlsx.ok()) << xlsx.error().message;
  EXPECT_EQ(xlsx->rows[0][0].text, "7");
}

// ---- XLSX written by libxlsxwriter ----

std::string sample_workbook() {
  return xlsxwriter_bytes([](lxw_workbook* wb) {
    lxw_worksheet* intro = workbook_add_worksheet(wb, "Intro");
    worksheet_write_string(intro, 0, 0, "Read me", nullptr);
    lxw_worksheet* ws = workbook_add_worksheet(wb, "SoA");
    lxw_format* iso = workbook_add_format(wb);
    format_set_num_format(iso, "yyyy-mm-dd");
    lxw_format* german = workbook_add_format(wb);
    format_set_num_format(german, "DD.MM.YYYY");
    lxw_format* builtin = workbook_add_format(wb);
    format_set_num_format_index(builtin, 14);
    lxw_format* money = workbook_add_format(wb);
    format_set_num_format(money, "\"day\" 0.00");  // d inside quotes: not a date
    worksheet_merge_range(ws, 0, 0, 0, 1, "Control", nullptr);
    worksheet_write_string(ws, 0, 2, "Applicable", nullptr);
    worksheet_write_number(ws, 1, 0, 5.1, nullptr);
    worksheet_write_string(ws, 1, 1, "5.10", nullptr);
    worksheet_write_number(ws, 1, 2, 12, nullptr);
    lxw_datetime dt = {2026, 5, 12, 0, 0, 0};
    worksheet_write_datetime(ws, 2, 0, &dt, iso);
    worksheet_write_datetime(ws, 2, 1, &dt, german);
    worksheet_write_datetime(ws, 2, 2, &dt, builtin);
    worksheet_write_number(ws, 2, 3, 0.5, money);
    worksheet_write_boolean(ws, 3, 0, 1, nullptr);
    worksheet_write_formula_num(ws, 3, 1, "=1+1", nullptr, 2);
    worksheet_write_string(ws, 3, 2, "Zugriffsschutz ✓", nullptr);
    worksheet_write_string(ws, 5, 4, "after a gap", nullptr);
  });
}

TEST(Xlsx, FirstSheetAndNamedSheet) {
  std::string bytes = sample_workbook();
  auto first = read_xlsx_table(bytes, "");
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->sheet_name, "Intro");
  EXPECT_EQ(first->sheet_names, (Texts{"Intro", "SoA"}));
  ASSERT_EQ(first->rows.size(), 1u);
  EXPECT_EQ(first->rows[0][0].text, "Read me");

  auto missing = read_xlsx_table(bytes, "Annex A");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(missing.error().field, "sheet");
  EXPECT_NE(missing.error().message.find("\"Intro\", \"SoA\""), std::string::npos)
      << missing.error().message;
}

TEST(Xlsx, ValuesAsShown) {
  auto t = read_xlsx_table(sample_workbook(), "SoA");
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->sheet_name, "SoA");
  ASSERT_EQ(t->rows.size(), 6u);
  EXPECT_EQ(texts(t->rows[0]), (Texts{"Control", "", "Applicable"}));
  EXPECT_EQ(t->rows[0][1].kind, CellKind::kEmpty);  // merged: only the first cell holds it
  ASSERT_EQ(t->merged.size(), 1u);
  EXPECT_EQ(t->merged[0].first_row, 0);
  EXPECT_EQ(t->merged[0].first_column, 0);
  EXPECT_EQ(t->merged[0].last_row, 0);
  EXPECT_EQ(t->merged[0].last_column, 1);

  EXPECT_EQ(t->rows[1][0], (TableCell{CellKind::kNumber, "5.1", 5.1}));
  EXPECT_EQ(t->rows[1][1], (TableCell{CellKind::kText, "5.10", 0}));
  EXPECT_EQ(t->rows[1][2], (TableCell{CellKind::kNumber, "12", 12}));

  for (int c = 0; c < 3; ++c) {
    EXPECT_EQ(t->rows[2][static_cast<size_t>(c)].kind, CellKind::kDate) << c;
    EXPECT_EQ(t->rows[2][static_cast<size_t>(c)].text, "2026-05-12") << c;
  }
  EXPECT_EQ(t->rows[2][0].number, 46154);
  EXPECT_EQ(t->rows[2][3], (TableCell{CellKind::kNumber, "0.5", 0.5}));

  EXPECT_EQ(t->rows[3][0], (TableCell{CellKind::kBool, "TRUE", 1}));
  EXPECT_EQ(t->rows[3][1], (TableCell{CellKind::kNumber, "2", 2}));  // formula: cached value
  EXPECT_EQ(t->rows[3][2].text, "Zugriffsschutz ✓");

  EXPECT_TRUE(t->rows[4].empty());
  ASSERT_EQ(t->rows[5].size(), 5u);
  EXPECT_EQ(t->rows[5][4].text, "after a gap");
}

// ---- XLSX crafted by hand ----

TEST(Xlsx, InlineStringsRichTextFormulasAndEscapes) {
  std::string sheet =
      "<sheetData>"
      "<row r=\"1\">"
      "<c r=\"A1\" t=\"inlineStr\"><is><t>inline</t></is></c>"
      "<c r=\"B1\" t=\"inlineStr\"><is><r><t>rich </t></r><r><rPr><b/></rPr><t>text</t></r>"
      "<rPh sb=\"0\" eb=\"1\"><t>PHONETIC</t></rPh></is></c>"
      "<c r=\"C1\" t=\"str\"><f>UPPER(\"x\")</f><v>X</v></c>"
      "<c r=\"D1\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>"
      "<c r=\"E1\" t=\"s\"><v>1</v></c>"
      "</row>"
      "<row>"  // no r: the next row; cells without r: the next column
      "<c><v>1.5</v></c><c t=\"b\"><v>0</v></c><c/><c t=\"s\"><v>0</v></c>"
      "</row>"
      "</sheetData>";
  std::string shared =
      "<si><t xml:space=\"preserve\"> line_x000D_&#10;two _x005F_x </t></si>"
      "<si><r><t>A</t></r><r><t>.5.15</t></r></si>";
  auto t = read_xlsx_table(hand_xlsx(sheet, shared), "");
  ASSERT_TRUE(t.ok()) << t.error().message;
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(texts(t->rows[0]), (Texts{"inline", "rich text", "X", "#DIV/0!", "A.5.15"}));
  EXPECT_EQ(t->rows[1][0], (TableCell{CellKind::kNumber, "1.5", 1.5}));
  EXPECT_EQ(t->rows[1][1], (TableCell{CellKind::kBool, "FALSE", 0}));
  EXPECT_EQ(t->rows[1][2].kind, CellKind::kEmpty);
  EXPECT_EQ(t->rows[1][3].text, " line\r\ntwo _x ");
}

TEST(Xlsx, Date1904AndCustomDateFormats) {
  std::string styles =
      "<numFmts count=\"3\"><numFmt numFmtId=\"164\" formatCode=\"[$-407]d/ mmm/ yy;@\"/>"
      "<numFmt numFmtId=\"165\" formatCode=\"#,##0.00 &quot;days&quot;\"/>"
      "<numFmt numFmtId=\"166\" formatCode=\"[Red]0.0\"/></numFmts>"
      "<cellXfs count=\"5\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/>"
      "<xf numFmtId=\"166\"/><xf numFmtId=\"22\"/></cellXfs>";
  std::string sheet =
      "<sheetData><row r=\"1\">"
      "<c r=\"A1\" s=\"1\"><v>43538</v></c><c r=\"B1\" s=\"2\"><v>3</v></c>"
      "<c r=\"C1\" s=\"3\"><v>4</v></c><c r=\"D1\" s=\"4\"><v>0</v></c>"
      "<c r=\"E1\" s=\"99\"><v>5</v></c><c r=\"F1\" t=\"d\"><v>2026-05-12T00:00:00</v></c>"
      "</row></sheetData>";
  auto t = read_xlsx_table(hand_xlsx(sheet, "", styles, "date1904=\"1\""), "");
  ASSERT_TRUE(t.ok()) << t.error().message;
  const auto& r = t->rows[0];
  EXPECT_EQ(r[0], (TableCell{CellKind::kDate, "2023-03-15", 43538}));
  EXPECT_EQ(r[1], (TableCell{CellKind::kNumber, "3", 3}));
  EXPECT_EQ(r[2], (TableCell{CellKind::kNumber, "4", 4}));
  EXPECT_EQ(r[3], (TableCell{CellKind::kDate, "1904-01-01", 0}));
  EXPECT_EQ(r[4].kind, CellKind::kNumber);  // unknown style index: plain number
  EXPECT_EQ(r[5].kind, CellKind::kDate);
  EXPECT_EQ(r[5].text, "2026-05-12");
}

TEST(Xlsx, DtdAndEntitiesRefusedNeverExpanded) {
  std::string x = "<?xml version=\"1.0\"?>\n";
  std::string sheet_with_dtd =
      "<!DOCTYPE worksheet [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;\">]>"
      "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
      "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&b;</t></is></c></row>"
      "</sheetData></worksheet>";
  auto t = read_xlsx_table(
      make_zip({{"_rels/.rels",
                 x + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                     "relationships\"><Relationship Id=\"r\" Type=\"x/officeDocument\" "
                     "Target=\"xl/workbook.xml\"/></Relationships>"},
                {"xl/workbook.xml",
                 x + "<workbook><sheets><sheet name=\"S\" sheetId=\"1\"/></sheets></workbook>"},
                {"xl/worksheets/sheet1.xml", x + sheet_with_dtd}}),
      "");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, ErrorCode::kInvalid);
  EXPECT_NE(t.error().message.find("DTD"), std::string::npos) << t.error().message;
  EXPECT_NE(t.error().message.find("xl/worksheets/sheet1.xml"), std::string::npos);

  // An external entity in the shared strings is refused the same way, and the file it
  // names is never read.
  auto ext = read_xlsx_table(
      hand_xlsx("<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row></sheetData>",
                "<si><t>&e;</t></si>"),
      "");
  ASSERT_TRUE(ext.ok() || ext.error().code == ErrorCode::kInvalid);
  std::string shared_with_dtd =
      x +
      "<!DOCTYPE sst [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
      "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
      "<si><t>&e;</t></si></sst>";
  auto with_ext = read_xlsx_table(
      make_zip({{"xl/workbook.xml",
                 x + "<workbook><sheets><sheet name=\"S\" sheetId=\"1\"/></sheets></workbook>"},
                {"xl/worksheets/sheet1.xml",
                 x + "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
                     "</row></sheetData></worksheet>"},
                {"xl/sharedStrings.xml", shared_with_dtd}}),
      "");
  ASSERT_FALSE(with_ext.ok());
  EXPECT_NE(with_ext.error().message.find("xl/sharedStrings.xml"), std::string::npos)
      << with_ext.error().message;
  EXPECT_EQ(with_ext.error().message.find("root:"), std::string::npos);
}

TEST(Xlsx, OversizedPartIsTooLarge) {
  // 65 MiB of blanks deflate to a few dozen KiB: a zip bomb in miniature.
  std::string padding(65 * 1024 * 1024, ' ');
  auto t = read_xlsx_table(hand_xlsx("<sheetData/>" + padding), "");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, ErrorCode::kTooLarge);
  EXPECT_NE(t.error().message.find("sheet1.xml"), std::string::npos) << t.error().message;
}

TEST(Xlsx, LimitsAndBadReferences) {
  auto far_row = read_xlsx_table(
      hand_xlsx("<sheetData><row r=\"100001\"><c r=\"A100001\"><v>1</v></c></row></sheetData>"),
      "");
  ASSERT_FALSE(far_row.ok());
  EXPECT_EQ(far_row.error().code, ErrorCode::kTooLarge);
  EXPECT_NE(far_row.error().message.find("A100001"), std::string::npos);

  auto far_column = read_xlsx_table(
      hand_xlsx("<sheetData><row r=\"1\"><c r=\"GS1\"><v>1</v></c></row></sheetData>"), "");
  ASSERT_FALSE(far_column.ok());
  EXPECT_EQ(far_column.error().code, ErrorCode::kTooLarge);
  EXPECT_NE(far_column.error().message.find("GS1"), std::string::npos);

  // Formatting far out (no value) is not data.
  auto styled = read_xlsx_table(
      hand_xlsx("<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
                "<row r=\"1048576\"><c r=\"XFD1048576\" s=\"1\"/></row></sheetData>"),
      "");
  ASSERT_TRUE(styled.ok()) << styled.error().message;
  EXPECT_EQ(styled->rows.size(), 1u);

  auto bad_string = read_xlsx_table(
      hand_xlsx("<sheetData><row r=\"3\"><c r=\"B3\" t=\"s\"><v>7</v></c></row></sheetData>",
                "<si><t>only</t></si>"),
      "");
  ASSERT_FALSE(bad_string.ok());
  EXPECT_NE(bad_string.error().message.find("sheet \"Sheet1\" cell B3"), std::string::npos)
      << bad_string.error().message;

  auto bad_ref = read_xlsx_table(
      hand_xlsx("<sheetData><row r=\"1\"><c r=\"1A\"><v>1</v></c></row></sheetData>"), "");
  ASSERT_FALSE(bad_ref.ok());
  EXPECT_NE(bad_ref.error().message.find("\"1A\""), std::string::npos);
}

TEST(Xlsx, HiddenFirstSheetSkippedStrictNamespaceRead) {
  std::string x = "<?xml version=\"1.0\"?>\n";
  std::string strict = "http://purl.oclc.org/ooxml/spreadsheetml/main";
  auto bytes = make_zip(
      {{"xl/workbook.xml",
        x + "<workbook xmlns=\"" + strict +
            "\" xmlns:r=\"http://purl.oclc.org/ooxml/officeDocument/relationships\"><sheets>"
            "<sheet name=\"Lists\" sheetId=\"1\" state=\"hidden\" r:id=\"rId1\"/>"
            "<sheet name=\"SoA\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>"},
       {"xl/_rels/workbook.xml.rels",
        x + "<Relationships><Relationship Id=\"rId1\" Type=\"s/worksheet\" "
            "Target=\"worksheets/a.xml\"/><Relationship Id=\"rId2\" Type=\"s/worksheet\" "
            "Target=\"./worksheets/../worksheets/b.xml\"/></Relationships>"},
       {"xl/worksheets/a.xml", x + "<worksheet xmlns=\"" + strict +
                                   "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\">"
                                   "<is><t>yes</t></is></c></row></sheetData></worksheet>"},
       {"xl/worksheets/b.xml", x + "<worksheet xmlns=\"" + strict +
                                   "\"><sheetData><row r=\"2\"><c r=\"B2\" t=\"inlineStr\">"
                                   "<is><t>A.5.1</t></is></c></row></sheetData></worksheet>"}});
  auto t = read_xlsx_table(bytes, "");
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->sheet_name, "SoA");
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[1][1].text, "A.5.1");
  auto hidden = read_xlsx_table(bytes, "Lists");  // named: hidden or not
  ASSERT_TRUE(hidden.ok());
  EXPECT_EQ(hidden->rows[0][0].text, "yes");
}

TEST(Xlsx, NotAWorkbook) {
  auto ods =
      read_xlsx_table(make_zip({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
                                {"content.xml", "<x/>"}}),
                      "");
  ASSERT_FALSE(ods.ok());
  EXPECT_NE(ods.error().message.find(".ods"), std::string::npos);

  auto docx = read_xlsx_table(make_zip({{"word/document.xml", "<x/>"}}), "");
  ASSERT_FALSE(docx.ok());
  EXPECT_NE(docx.error().message.find("Word"), std::string::npos);

  std::string good = hand_xlsx("<sheetData/>");
  auto truncated = read_xlsx_table(good.substr(0, good.size() / 2), "");
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.error().code, ErrorCode::kInvalid);

  auto broken_xml = read_xlsx_table(hand_xlsx("<sheetData><row>"), "");
  ASSERT_FALSE(broken_xml.ok());
  EXPECT_NE(broken_xml.error().message.find("not well-formed"), std::string::npos);
}

}  // namespace
}  // namespace isms
