// SoA import: control ids as sheets write them, header detection in English and German,
// the mapping JSON, and whole sheets (tests/fixtures/soa/ and a workbook written here with
// a two-row merged header block) read row by row.
#include "formats/soa_import.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "formats/soa_import_internal.h"
#include "formats/table_test_support.h"

namespace isms {
namespace {

using soa_detail::parse_applicability_word;
using soa_detail::resolve_ref;

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(ISMS_FIXTURES_DIR) + "/soa/" + name, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The Annex A controls of ISO/IEC 27001:2022.
const std::set<std::string>& annex_a() {
  static const std::set<std::string> ids = [] {
    std::set<std::string> s;
    for (auto [theme, count] : {std::pair{5, 37}, {6, 8}, {7, 14}, {8, 34}}) {
      for (int i = 1; i <= count; ++i)
        s.insert("A." + std::to_string(theme) + "." + std::to_string(i));
    }
    return s;
  }();
  return ids;
}

bool known(const std::string& id) { return annex_a().count(id) > 0; }

TableCell text(std::string s) { return {CellKind::kText, std::move(s), 0}; }
TableCell number(double v, std::string shown) { return {CellKind::kNumber, std::move(shown), v}; }
TableCell date(std::string iso) { return {CellKind::kDate, std::move(iso), 46154}; }

std::string ref_of(const TableCell& c) {
  auto r = resolve_ref(c, known);
  return r.error ? "error: " + *r.error : r.ref_id;
}

// ---- ids ----

TEST(SoaRef, WrittenForms) {
  for (const char* s : {"A.5.15", "A 5.15", "5.15", "A5.15", "Annex A 5.15", "Annex A.5.15",
                        "5.15 Access control", "A.5.15: Access control", "A.05.15", "a.5.15",
                        "ISO 27001 A.5.15", "ISO/IEC 27001:2022 A.5.15", "  A.5.15\xC2\xA0",
                        "Control A.5.15", "A.5.15 – Zugangssteuerung", "A.5.15."}) {
    EXPECT_EQ(ref_of(text(s)), "A.5.15") << s;
  }
  EXPECT_TRUE(resolve_ref(text("A.5.15"), known).warnings.empty());
}

TEST(SoaRef, NotControls) {
  EXPECT_EQ(ref_of(text("A.5")), "error: \"A.5\" names the section A.5, not a control");
  EXPECT_NE(ref_of(text("Access control")).find("is not a control id"), std::string::npos);
  EXPECT_NE(ref_of(text("A.5.15a")).find("is not a control id"), std::string::npos);
  EXPECT_EQ(ref_of(text("A.5.38")),
            "error: A.5.38 is not an Annex A control of ISO/IEC 27001:2022");
  EXPECT_EQ(ref_of(text("A.9.2")),
            "error: A.9.2 is an ISO/IEC 27001:2013 control objective, not a control");
}

TEST(SoaRef, NumbersThatLostATrailingZero) {
  auto ambiguous = resolve_ref(number(5.1, "5.1"), known);
  ASSERT_TRUE(ambiguous.error);
  EXPECT_NE(ambiguous.error->find("A.5.1 or A.5.10"), std::string::npos) << *ambiguous.error;
  EXPECT_NE(ref_of(number(8.3, "8.3")).find("A.8.3 or A.8.30"), std::string::npos);
  EXPECT_EQ(ref_of(number(5.4, "5.4")), "A.5.4");  // there is no A.5.40
  EXPECT_EQ(ref_of(number(6.1, "6.1")), "A.6.1");  // nor an A.6.10
  EXPECT_EQ(ref_of(number(5.15, "5.15")), "A.5.15");
  EXPECT_EQ(ref_of(number(5.1, "5.10")), "A.5.10");  // the text kept the zero
  EXPECT_EQ(ref_of(text("5.1")), "A.5.1");           // typed as text: as written
  // German CSV: the number with a decimal comma.
  auto comma = resolve_ref(text("5,15"), known);
  EXPECT_EQ(comma.ref_id, "A.5.15");
  ASSERT_EQ(comma.warnings.size(), 1u);
  EXPECT_NE(comma.warnings[0].find("decimal comma"), std::string::npos);
  EXPECT_NE(ref_of(text("5,1")).find("A.5.1 or A.5.10"), std::string::npos);
}

TEST(SoaRef, DatesReadBack) {
  auto may12 = resolve_ref(date("2026-05-12"), known);
  EXPECT_EQ(may12.ref_id, "A.5.12");
  ASSERT_EQ(may12.warnings.size(), 1u);
  EXPECT_NE(may12.warnings[0].find("date 2026-05-12"), std::string::npos);
  // A German spreadsheet makes 5 December of "5.12": the same control.
  EXPECT_EQ(ref_of(date("2026-12-05")), "A.5.12");
  EXPECT_EQ(ref_of(text("12.08.2026")), "A.8.12");
  EXPECT_EQ(ref_of(text("5/12/2026")), "A.5.12");
  auto both = resolve_ref(date("2026-05-06"), known);
  ASSERT_TRUE(both.error);
  EXPECT_NE(both.error->find("A.5.6 or A.6.5"), std::string::npos) << *both.error;
  EXPECT_NE(ref_of(date("2026-01-01")).find("is not a control id"), std::string::npos);
}

TEST(SoaRef, Iso2013Numbering) {
  auto old = resolve_ref(text("A.9.2.1"), known);
  EXPECT_EQ(old.ref_id, "A.5.16");
  ASSERT_EQ(old.warnings.size(), 1u);
  EXPECT_NE(old.warnings[0].find("2013 control A.9.2.1"), std::string::npos);
  EXPECT_EQ(ref_of(text("A.12.3.1 Information backup")), "A.8.13");
  EXPECT_EQ(ref_of(text("8.1.1")), "A.5.9");
  EXPECT_EQ(ref_of(text("A.18.2.3")),
            "error: ISO/IEC 27001:2013 control A.18.2.3 corresponds to several 2022 controls "
            "(A.5.36, A.8.8); give one of them");
  EXPECT_NE(ref_of(text("A.5.1.9")).find("neither"), std::string::npos);
}

TEST(SoaWords, Applicability) {
  for (const char* s : {"yes", "Y", "x", "TRUE", "1", "Applicable", "included", "ja", "JA",
                        "Yes - required by contract", "✓"}) {
    EXPECT_EQ(parse_applicability_word(s), Applicable::kYes) << s;
  }
  for (const char* s : {"no", "N", "false", "0", "not applicable", "N/A", "Excluded", "nein",
                        "Nicht anwendbar", "No (no development)"}) {
    EXPECT_EQ(parse_applicability_word(s), Applicable::kNo) << s;
  }
  EXPECT_EQ(parse_applicability_word("undecided"), Applicable::kUndecided);
  EXPECT_FALSE(parse_applicability_word("maybe"));
  EXPECT_FALSE(parse_applicability_word("yesterday"));
  EXPECT_FALSE(parse_applicability_word(""));
}

// ---- the mapping ----

TEST(SoaMapping, JsonLettersAndHeaderTexts) {
  auto m = soa_mapping_from_json(Json::parse(
      R"({"sheet":"SoA","header_row":2,"ref":"A","applicable":"Applicable?","reason_risk":"d",
          "justification":" Justification ","implementation":"ID","reasons":null})"));
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(m->sheet, "SoA");
  EXPECT_EQ(m->header_row, 1);
  EXPECT_EQ(m->ref, 0);
  EXPECT_EQ(m->reason_risk, 3);
  EXPECT_EQ(m->applicable, -1);
  EXPECT_EQ(m->reasons, -1);
  EXPECT_EQ(m->header_texts.at("applicable"), "Applicable?");
  EXPECT_EQ(m->header_texts.at("justification"), "Justification");
  EXPECT_EQ(m->header_texts.at("implementation"), "ID");  // column ID is past column 200
  EXPECT_FALSE(m->empty());

  Json back = soa_mapping_to_json(*m);
  EXPECT_EQ(back["header_row"], 2);
  EXPECT_EQ(back["ref"], "A");
  EXPECT_EQ(back["reason_risk"], "D");
  EXPECT_EQ(back["applicable"], "Applicable?");
  EXPECT_TRUE(back["reasons"].is_null());
  auto again = soa_mapping_from_json(back);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(soa_mapping_to_json(*again), back);

  auto unknown = soa_mapping_from_json(Json::parse(R"({"ref":"A","colour":"red"})"));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().field, "colour");
  auto bad = soa_mapping_from_json(Json::parse(R"({"ref":3})"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "ref");
  EXPECT_FALSE(soa_mapping_from_json(Json::parse(R"({"header_row":-1})")).ok());
  EXPECT_TRUE(soa_mapping_from_json(Json::object())->empty());
}

TEST(SoaMapping, ResolveErrorsNameTheKey) {
  Table t;
  t.rows = {{text("Control"), text("Applicable")}, {text("A.5.1"), text("yes")}};
  SoaColumnMapping m;
  m.header_texts["ref"] = "Control";
  m.header_texts["applicable"] = "applicable";
  auto ok = resolve_soa_mapping(t, m);
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(ok->header_row, 0);
  EXPECT_EQ(ok->ref, 0);
  EXPECT_EQ(ok->applicable, 1);
  EXPECT_TRUE(ok->header_texts.empty());

  m.header_texts["justification"] = "Why";
  auto missing = resolve_soa_mapping(t, m);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().field, "justification");
  EXPECT_NE(missing.error().message.find("\"Why\""), std::string::npos);

  SoaColumnMapping no_ref;
  no_ref.applicable = 1;
  EXPECT_EQ(resolve_soa_mapping(t, no_ref).error().field, "ref");
  SoaColumnMapping past;
  past.ref = 0;
  past.applicable = 1;
  past.justification = 5;
  auto p = resolve_soa_mapping(t, past);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().field, "justification");
  EXPECT_NE(p.error().message.find("column F"), std::string::npos);
  EXPECT_FALSE(read_soa_rows(t, past, known).ok());
}

// ---- whole sheets ----

const SoaImportRow& row_at(const std::vector<SoaImportRow>& rows, int n) {
  for (const SoaImportRow& r : rows) {
    if (r.row == n) return r;
  }
  static SoaImportRow none;
  ADD_FAILURE() << "no outcome for row " << n;
  return none;
}

using Reasons = std::vector<InclusionReason>;

TEST(SoaImport, CsvWithBomCrlfAndTitleLine) {
  auto table = read_table("soa.csv", fixture("soa-bom-crlf.csv"), "");
  ASSERT_TRUE(table.ok()) << table.error().message;
  SoaColumnMapping m = suggest_soa_mapping(*table);
  EXPECT_EQ(m.header_row, 1);
  EXPECT_EQ(m.ref, 0);
  EXPECT_EQ(m.applicable, 2);
  EXPECT_EQ(m.reasons, 3);
  EXPECT_EQ(m.justification, 4);
  EXPECT_EQ(m.implementation, 5);
  EXPECT_EQ(m.reason_risk, -1);

  auto rows = read_soa_rows(*table, m, known);
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  ASSERT_EQ(rows->size(), 10u);  // rows 3..13 without the blank row 9
  const auto& r3 = row_at(*rows, 3);
  EXPECT_EQ(r3.ref_id, "A.5.1");
  EXPECT_FALSE(r3.error);
  EXPECT_EQ(r3.fields.applicable, Applicable::kYes);
  EXPECT_EQ(r3.fields.reasons, (Reasons{InclusionReason::kRiskTreatment, InclusionReason::kLegal}));
  EXPECT_EQ(r3.fields.justification, "");
  EXPECT_EQ(r3.fields.implementation, ImplementationStatus::kImplemented);

  const auto& r4 = row_at(*rows, 4);
  EXPECT_EQ(r4.fields.reasons, (Reasons{InclusionReason::kBusinessNeed}));
  EXPECT_EQ(r4.fields.implementation, ImplementationStatus::kPartial);

  const auto& r5 = row_at(*rows, 5);
  EXPECT_EQ(r5.ref_id, "A.5.3");
  EXPECT_EQ(r5.fields.applicable, Applicable::kNo);
  EXPECT_EQ(r5.fields.justification, "Small team, compensated by reviews of A.5.2");
  EXPECT_EQ(r5.fields.implementation, ImplementationStatus::kNotStarted);

  EXPECT_EQ(row_at(*rows, 6).ref_id, "A.5.4");
  EXPECT_EQ(row_at(*rows, 6).fields.reasons,
            (Reasons{InclusionReason::kRiskTreatment, InclusionReason::kLegal}));
  EXPECT_EQ(row_at(*rows, 6).fields.implementation, ImplementationStatus::kPlanned);
  EXPECT_EQ(row_at(*rows, 7).ref_id, "A.5.7");
  EXPECT_EQ(row_at(*rows, 8).ref_id, "A.5.15");
  EXPECT_EQ(row_at(*rows, 8).fields.implementation, ImplementationStatus::kPartial);
  EXPECT_EQ(row_at(*rows, 10).ref_id, "A.5.23");
  EXPECT_EQ(row_at(*rows, 10).fields.implementation, ImplementationStatus::kImplemented);
  EXPECT_EQ(row_at(*rows, 10).fields.reasons,
            (Reasons{InclusionReason::kRiskTreatment, InclusionReason::kBusinessNeed}));

  EXPECT_EQ(*row_at(*rows, 11).error,
            "column A: A.5.99 is not an Annex A control of ISO/IEC 27001:2022");
  EXPECT_EQ(*row_at(*rows, 12).error, "A.5.1 is already given in row 3");
  EXPECT_EQ(row_at(*rows, 13).ref_id, "A.5.16");
  ASSERT_TRUE(row_at(*rows, 13).error);
  EXPECT_NE(row_at(*rows, 13).error->find("column C: \"maybe\" is not an applicability"),
            std::string::npos);

  Json j = soa_import_row_to_json(row_at(*rows, 3));
  EXPECT_EQ(j["row"], 3);
  EXPECT_EQ(j["ref_id"], "A.5.1");
  EXPECT_TRUE(j["error"].is_null());
  EXPECT_EQ(j["applicable"], "yes");
  EXPECT_EQ(j["reasons"], Json::parse(R"(["risk_treatment","legal"])"));
  EXPECT_EQ(j["implementation"], "implemented");
  EXPECT_EQ(soa_import_row_to_json(row_at(*rows, 12))["error"], "A.5.1 is already given in row 3");
}

TEST(SoaImport, GermanSemicolonCsv) {
  auto table = read_table("soa.csv", fixture("soa-semicolon.csv"), "");
  ASSERT_TRUE(table.ok()) << table.error().message;
  SoaColumnMapping m = suggest_soa_mapping(*table);
  EXPECT_EQ(m.header_row, 0);
  EXPECT_EQ(m.ref, 0);  // "Nr." over "Maßnahme"
  EXPECT_EQ(m.applicable, 2);
  EXPECT_EQ(m.reasons, 3);
  EXPECT_EQ(m.justification, 4);
  EXPECT_EQ(m.implementation, 5);
  auto rows = read_soa_rows(*table, m, known);
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  ASSERT_EQ(rows->size(), 7u);
  EXPECT_EQ(row_at(*rows, 2).fields.reasons,
            (Reasons{InclusionReason::kRiskTreatment, InclusionReason::kLegal}));
  EXPECT_EQ(row_at(*rows, 2).fields.implementation, ImplementationStatus::kImplemented);
  EXPECT_EQ(row_at(*rows, 3).ref_id, "A.5.10");
  EXPECT_EQ(row_at(*rows, 3).fields.reasons, (Reasons{InclusionReason::kContractual}));
  EXPECT_EQ(row_at(*rows, 4).ref_id, "A.5.12");
  EXPECT_EQ(row_at(*rows, 4).warnings.size(), 1u);
  EXPECT_EQ(row_at(*rows, 4).fields.applicable, Applicable::kNo);
  EXPECT_EQ(row_at(*rows, 4).fields.justification, "Keine vertraulichen Daten; nur öffentlich");
  EXPECT_EQ(row_at(*rows, 5).ref_id, "A.5.16");
  EXPECT_EQ(row_at(*rows, 5).fields.implementation, ImplementationStatus::kPlanned);
  EXPECT_NE(row_at(*rows, 6).error->find("A.5.36, A.8.8"), std::string::npos);
  EXPECT_NE(row_at(*rows, 7).error->find("A.5.7 or A.7.5"), std::string::npos);
  EXPECT_EQ(row_at(*rows, 8).ref_id, "A.8.12");
  EXPECT_FALSE(row_at(*rows, 8).error);
  EXPECT_EQ(row_at(*rows, 8).fields.applicable, Applicable::kNo);
}

// A workbook as an ISMS consultant hands it over: a cover sheet, then the SoA with a
// two-row header block of merged cells, ids the spreadsheet turned into numbers and dates,
// 2013 numbering, a duplicate, an unknown id, blank rows and one justification merged over
// two rows.
std::string consultant_workbook() {
  return table_test::xlsxwriter_bytes([](lxw_workbook* wb) {
    worksheet_write_string(workbook_add_worksheet(wb, "Cover"), 0, 0, "Contoso SoA", nullptr);
    lxw_worksheet* ws = workbook_add_worksheet(wb, "SoA");
    lxw_format* day = workbook_add_format(wb);
    format_set_num_format(day, "dd.mm.yyyy");
    worksheet_merge_range(ws, 0, 0, 0, 1, "Control", nullptr);
    worksheet_merge_range(ws, 0, 2, 1, 2, "Applicable?", nullptr);
    worksheet_merge_range(ws, 0, 3, 0, 6, "Reasons for inclusion", nullptr);
    worksheet_merge_range(ws, 0, 7, 1, 7, "Justification for exclusion", nullptr);
    worksheet_merge_range(ws, 0, 8, 1, 8, "Implementation status", nullptr);
    const char* second[] = {"ID", "Title", nullptr, "Risk", "Legal", "Contractual", "Business"};
    for (lxw_col_t c = 0; c < 7; ++c) {
      if (second[c]) worksheet_write_string(ws, 1, c, second[c], nullptr);
    }
    auto put = [&](lxw_row_t r, const char* applicable, const char* marks, const char* why,
                   const char* status) {
      worksheet_write_string(ws, r, 2, applicable, nullptr);
      for (lxw_col_t c = 0; c < 4; ++c) {
        if (marks[c] == 'x') worksheet_write_string(ws, r, 3 + c, "x", nullptr);
      }
      if (why) worksheet_write_string(ws, r, 7, why, nullptr);
      if (status) worksheet_write_string(ws, r, 8, status, nullptr);
    };
    worksheet_write_number(ws, 2, 0, 5.1, nullptr);  // row 3: 5.1 or 5.10?
    put(2, "Yes", "x...", nullptr, "Implemented");
    worksheet_write_string(ws, 3, 0, "5.10", nullptr);  // row 4: text keeps the zero
    put(3, "Yes", ".x..", nullptr, "Partial");
    worksheet_write_number(ws, 4, 0, 5.4, nullptr);  // row 5
    put(4, "No", "....", "Not relevant", "Not applicable");
    lxw_datetime may12 = {2026, 5, 12, 0, 0, 0};
    worksheet_write_datetime(ws, 5, 0, &may12, day);  // row 6: "5.12" became a date
    put(5, "Yes", "xx..", nullptr, "Planned");
    worksheet_write_string(ws, 6, 0, "A.9.2.1", nullptr);  // row 7
    put(6, "yes", "x...", nullptr, nullptr);
    worksheet_write_string(ws, 7, 0, "A.12.3.1", nullptr);  // row 8
    put(7, "yes", "...x", nullptr, "implemented");
    // row 9 blank
    worksheet_write_string(ws, 9, 0, "A.5.15", nullptr);  // row 10
    put(9, "Yes", "x...", nullptr, nullptr);
    worksheet_write_string(ws, 10, 0, "A.5.15", nullptr);  // row 11: duplicate
    put(10, "No", "....", "again", nullptr);
    worksheet_write_string(ws, 11, 0, "A.5.38", nullptr);  // row 12: unknown
    put(11, "Yes", "x...", nullptr, nullptr);
    // rows 13 and 14 blank
    worksheet_write_string(ws, 14, 0, "A.18.2.3", nullptr);  // row 15: two successors
    put(14, "Yes", ".x..", nullptr, nullptr);
    worksheet_write_string(ws, 15, 0, "A.7.5", nullptr);  // rows 16-17: one justification
    worksheet_write_string(ws, 16, 0, "A.7.6", nullptr);
    put(15, "No", "....", nullptr, nullptr);
    put(16, "No", "....", nullptr, nullptr);
    worksheet_merge_range(ws, 15, 7, 16, 7, "No premises of our own", nullptr);
  });
}

TEST(SoaImport, XlsxWithMergedHeaderBlockNumbersAndDates) {
  std::string bytes = consultant_workbook();
  auto cover = read_table("soa.xlsx", bytes, "");
  ASSERT_TRUE(cover.ok());
  EXPECT_EQ(suggest_soa_mapping(*cover).header_row, -1);  // the cover has no table
  auto m_cover = suggest_soa_mapping(*cover);
  EXPECT_FALSE(read_soa_rows(*cover, m_cover, known).ok());

  auto table = read_table("soa.xlsx", bytes, "SoA");
  ASSERT_TRUE(table.ok()) << table.error().message;
  SoaColumnMapping m = suggest_soa_mapping(*table);
  EXPECT_EQ(m.sheet, "SoA");
  EXPECT_EQ(m.header_row, 1);  // the last row of the header block
  EXPECT_EQ(m.ref, 0);
  EXPECT_EQ(m.applicable, 2);  // "Applicable?" merged over both header rows
  EXPECT_EQ(m.reasons, -1);
  EXPECT_EQ(m.reason_risk, 3);
  EXPECT_EQ(m.reason_legal, 4);
  EXPECT_EQ(m.reason_contractual, 5);
  EXPECT_EQ(m.reason_business, 6);
  EXPECT_EQ(m.justification, 7);
  EXPECT_EQ(m.implementation, 8);

  auto rows = read_soa_rows(*table, m, known);
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  EXPECT_EQ(rows->size(), 12u);
  EXPECT_NE(row_at(*rows, 3).error->find("A.5.1 or A.5.10"), std::string::npos);
  EXPECT_EQ(row_at(*rows, 3).raw_ref, "5.1");
  EXPECT_EQ(row_at(*rows, 4).ref_id, "A.5.10");
  EXPECT_EQ(row_at(*rows, 4).fields.reasons, (Reasons{InclusionReason::kLegal}));
  EXPECT_EQ(row_at(*rows, 4).fields.implementation, ImplementationStatus::kPartial);
  EXPECT_EQ(row_at(*rows, 5).ref_id, "A.5.4");
  EXPECT_EQ(row_at(*rows, 5).fields.justification, "Not relevant");
  EXPECT_EQ(row_at(*rows, 5).fields.reasons, Reasons{});
  const auto& r6 = row_at(*rows, 6);
  EXPECT_EQ(r6.ref_id, "A.5.12");
  EXPECT_EQ(r6.raw_ref, "2026-05-12");
  ASSERT_EQ(r6.warnings.size(), 1u);
  EXPECT_FALSE(r6.error);
  EXPECT_EQ(r6.fields.reasons, (Reasons{InclusionReason::kRiskTreatment, InclusionReason::kLegal}));
  EXPECT_EQ(row_at(*rows, 7).ref_id, "A.5.16");
  EXPECT_EQ(row_at(*rows, 7).warnings.size(), 1u);
  EXPECT_FALSE(row_at(*rows, 7).fields.implementation);
  EXPECT_EQ(row_at(*rows, 8).ref_id, "A.8.13");
  EXPECT_EQ(row_at(*rows, 8).fields.reasons, (Reasons{InclusionReason::kBusinessNeed}));
  EXPECT_FALSE(row_at(*rows, 10).error);
  EXPECT_EQ(*row_at(*rows, 11).error, "A.5.15 is already given in row 10");
  EXPECT_NE(row_at(*rows, 12).error->find("A.5.38"), std::string::npos);
  EXPECT_NE(row_at(*rows, 15).error->find("A.5.36, A.8.8"), std::string::npos);
  EXPECT_EQ(row_at(*rows, 16).fields.justification, "No premises of our own");
  EXPECT_EQ(row_at(*rows, 17).fields.justification, "No premises of our own");
  EXPECT_FALSE(row_at(*rows, 17).error);

  // The same through a mapping given as JSON with header texts.
  auto given = soa_mapping_from_json(Json::parse(
      R"({"sheet":"SoA","ref":"id","applicable":"applicable?","reason_risk":"Risk",
          "justification":"Justification for exclusion"})"));
  ASSERT_TRUE(given.ok());
  auto resolved = resolve_soa_mapping(*table, *given);
  ASSERT_TRUE(resolved.ok()) << resolved.error().message;
  EXPECT_EQ(resolved->header_row, 1);
  EXPECT_EQ(resolved->ref, 0);
  EXPECT_EQ(resolved->applicable, 2);
  EXPECT_EQ(resolved->reason_risk, 3);
  EXPECT_EQ(resolved->justification, 7);
  auto again = read_soa_rows(*table, *given, known);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(row_at(*again, 6).fields.reasons, (Reasons{InclusionReason::kRiskTreatment}));
}

TEST(SoaImport, ReasonMarkColumnsAndContentFallback) {
  // No header at all: ids and applicability found by content.
  Table t;
  t.rows = {{text("A.5.1"), text("Policies"), text("yes")},
            {text("A.5.2"), text("Roles"), text("no")},
            {},
            {text("A.5.3"), text("Segregation"), text("")}};
  SoaColumnMapping m = suggest_soa_mapping(t);
  EXPECT_EQ(m.header_row, -1);
  EXPECT_EQ(m.ref, 0);
  EXPECT_EQ(m.applicable, 2);
  auto rows = read_soa_rows(t, m, known);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0].row, 1);
  EXPECT_EQ((*rows)[2].row, 4);
  EXPECT_FALSE((*rows)[2].fields.applicable);  // empty: left as it is
  EXPECT_FALSE((*rows)[2].error);
  EXPECT_FALSE((*rows)[0].fields.reasons);  // no reason column mapped
}

}  // namespace
}  // namespace isms
