// The Statement of Applicability as XLSX, PDF and CSV (risk_soa_export.h). All three
// share one column list and one row form (soa_cells); the XLSX adds the auditors'
// formatting, the PDF groups the lines into one table per theme.
#include <algorithm>

#include "render/report_pdf.h"
#include "render/risk_soa_export.h"
#include "render/table_export.h"
#include "render/xlsx_book.h"

namespace isms {
namespace {

using render_internal::XlsxBook;

enum Column : lxw_col_t {
  kControl,
  kTitle,
  kApplicable,
  kReasonRisk,
  kReasonLegal,
  kReasonContract,
  kReasonBusiness,
  kJustification,
  kImplementation,
  kControls,
  kEvidence,
  kRisks,
  kColumns
};

// The header texts match what formats/soa_import.h recognizes, so an exported sheet can
// be imported again.
const std::vector<std::string>& soa_header() {
  static const std::vector<std::string> h = {"Control",        "Title",         "Applicable",
                                             "Risk treatment", "Legal",         "Contractual",
                                             "Business need",  "Justification", "Implementation",
                                             "Controls",       "Evidence",      "Risks"};
  return h;
}

constexpr double kXlsxWidths[kColumns] = {14, 40, 12, 10, 8, 11, 10, 50, 14, 22, 10, 8};
// Wide enough that no header word breaks at 8 points on A4 landscape.
constexpr double kPdfWeights[kColumns] = {6, 13.5, 8, 7.5, 5, 8.8, 7.5, 18, 11, 8, 7, 4.5};

std::string applicable_display(Applicable a) {
  switch (a) {
    case Applicable::kYes:
      return "Yes";
    case Applicable::kNo:
      return "No";
    case Applicable::kUndecided:
      break;
  }
  return "Undecided";
}

std::string implementation_display(ImplementationStatus s) {
  switch (s) {
    case ImplementationStatus::kNotStarted:
      break;
    case ImplementationStatus::kPlanned:
      return "Planned";
    case ImplementationStatus::kPartial:
      return "Partial";
    case ImplementationStatus::kImplemented:
      return "Implemented";
  }
  return "Not started";
}

// The Applicable cell's fill: green yes, grey no, amber undecided.
const char* applicable_colour(Applicable a) {
  switch (a) {
    case Applicable::kYes:
      return "#C6EFCE";
    case Applicable::kNo:
      return "#D9D9D9";
    case Applicable::kUndecided:
      break;
  }
  return "#FFE699";
}

bool has_reason(const Applicability& line, InclusionReason r) {
  return std::find(line.reasons.begin(), line.reasons.end(), r) != line.reasons.end();
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// One line in the column order of soa_header().
std::vector<std::string> soa_cells(const Applicability& line) {
  auto mark = [&](InclusionReason r) { return has_reason(line, r) ? "X" : ""; };
  return {line.ref_id,
          line.title,
          applicable_display(line.applicable),
          mark(InclusionReason::kRiskTreatment),
          mark(InclusionReason::kLegal),
          mark(InclusionReason::kContractual),
          mark(InclusionReason::kBusinessNeed),
          line.justification,
          implementation_display(line.implementation),
          join(line.control_refs),
          std::to_string(line.valid_evidence_count) + "/" + std::to_string(line.evidence_count),
          std::to_string(line.risk_ids.size())};
}

// The theme a line belongs to: the longest group key that is the line's ref or a dotted
// prefix of it ("A.5" for "A.5.15"), else a group keyed by the line's framework, else the
// framework id itself.
struct Group {
  std::string key;
  std::string heading;
};

Group group_of(const SoaDocument& soa, const Applicability& line) {
  const std::pair<std::string, std::string>* best = nullptr;
  for (const auto& g : soa.groups) {
    const std::string& key = g.first;
    bool prefix =
        !key.empty() && (line.ref_id == key || (line.ref_id.size() > key.size() &&
                                                line.ref_id.compare(0, key.size(), key) == 0 &&
                                                line.ref_id[key.size()] == '.'));
    if (prefix && (!best || key.size() > best->first.size())) best = &g;
  }
  if (best) return {line.framework_id + "\n" + best->first, best->first + " " + best->second};
  for (const auto& g : soa.groups)
    if (g.first == line.framework_id) return {line.framework_id, g.second};
  return {line.framework_id, line.framework_id};
}

// "2026-11-20T10:00:00Z" -> "2026-11-20"; anything else as given.
std::string day_of(const std::string& at) {
  return at.size() > 10 && at[10] == 'T' ? at.substr(0, 10) : at;
}

std::string approval_text(const SoaDocument& soa) {
  if (soa.approved_by.empty()) return "Not approved";
  std::string out = "Approved by " + soa.approved_by;
  if (!soa.approved_at.empty()) out += " on " + day_of(soa.approved_at);
  return out;
}

std::vector<std::pair<std::string, int>> totals_rows(const Soa::Totals& t) {
  return {{"Lines", t.lines},
          {"Applicable", t.applicable},
          {"Not applicable", t.not_applicable},
          {"Undecided", t.undecided},
          {"Implemented", t.implemented},
          {"Partially implemented", t.partial},
          {"Planned", t.planned},
          {"Not started", t.not_started}};
}

// Excel's page header/footer codes start with '&': a literal one is doubled.
std::string header_footer_text(std::string_view s) {
  std::string out;
  for (char c : render_internal::xlsx_text(s)) {
    if (c == '\n' || c == '\t') c = ' ';
    if (c == '&') out.push_back('&');
    out.push_back(c);
  }
  return out.substr(0, 100);
}

void print_setup(lxw_worksheet* ws, const std::string& classification, const std::string& title) {
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);  // A4
  worksheet_fit_to_pages(ws, 1, 0);
  std::string header =
      "&L&B" + header_footer_text(classification) + "&R" + header_footer_text(title);
  worksheet_set_header(ws, header.c_str());
  worksheet_set_footer(ws, "&RPage &P of &N");
}

class SoaWorkbook {
 public:
  explicit SoaWorkbook(const SoaDocument& soa) : soa_(soa) {}

  Result<std::string> write() {
    if (!book_.ok()) return Error::internal("xlsx: cannot create the workbook");
    formats();
    lxw_error failure = lines_sheet();
    if (failure == LXW_NO_ERROR) failure = summary_sheet();
    return book_.finish(failure);
  }

 private:
  void formats() {
    title_ = book_.add_format();
    format_set_bold(title_);
    format_set_font_size(title_, 16);
    label_ = book_.add_format();
    format_set_bold(label_);
    header_ = book_.fill_format(0xDCE6F1, XlsxBook::kBold | XlsxBook::kBorder | XlsxBook::kWrap);
    format_set_align(header_, LXW_ALIGN_VERTICAL_CENTER);
    band_ = book_.fill_format(0xD9D9D9, XlsxBook::kBold);
    wrap_ = book_.add_format();
    format_set_text_wrap(wrap_);
    format_set_align(wrap_, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(wrap_, LXW_BORDER_THIN);
    format_set_border_color(wrap_, 0xBFBFBF);
    centre_ = book_.add_format();
    format_set_align(centre_, LXW_ALIGN_CENTER);
    format_set_align(centre_, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(centre_, LXW_BORDER_THIN);
    format_set_border_color(centre_, 0xBFBFBF);
  }

  // Label in column A, value in column B.
  lxw_error fact(lxw_worksheet* ws, lxw_row_t row, const std::string& label,
                 const std::string& value) {
    if (lxw_error e = XlsxBook::text(ws, row, 0, label, label_)) return e;
    return XlsxBook::text(ws, row, 1, value, nullptr);
  }

  lxw_error title_block(lxw_worksheet* ws, lxw_row_t* row) {
    if (lxw_error e = XlsxBook::text(ws, 0, 0, soa_.title, title_)) return e;
    worksheet_set_row(ws, 0, 24, nullptr);
    const std::pair<std::string, std::string> facts[] = {
        {"Organization", soa_.organization_name},
        {"Version", soa_.version_label},
        {"Approval", approval_text(soa_)},
        {"Generated", soa_.generated_at},
        {"Classification", soa_.classification_label}};
    *row = 1;
    for (const auto& [label, value] : facts)
      if (lxw_error e = fact(ws, (*row)++, label, value)) return e;
    ++*row;  // a blank row before the table
    return LXW_NO_ERROR;
  }

  lxw_error lines_sheet() {
    lxw_worksheet* ws = book_.add_sheet("Statement of Applicability");
    if (!ws) return LXW_ERROR_SHEETNAME_ALREADY_USED;
    lxw_row_t row = 0;
    if (lxw_error e = title_block(ws, &row)) return e;
    const lxw_row_t header_row = row;
    for (lxw_col_t c = 0; c < kColumns; ++c)
      if (lxw_error e = XlsxBook::text(ws, header_row, c, soa_header()[c], header_)) return e;
    worksheet_set_row(ws, header_row, 30, nullptr);
    ++row;

    std::string group;
    lxw_row_col_options member{};
    member.level = 1;  // lines are outline level 1 under their theme's band: collapsible
    for (const Applicability& line : soa_.lines) {
      Group g = group_of(soa_, line);
      if (row == header_row + 1 || g.key != group) {
        group = g.key;
        for (lxw_col_t c = 0; c < kColumns; ++c)
          if (lxw_error e = XlsxBook::text(ws, row, c, c == 0 ? g.heading : "", band_)) return e;
        ++row;
      }
      std::vector<std::string> cells = soa_cells(line);
      for (lxw_col_t c = 0; c < kColumns; ++c) {
        lxw_format* f = wrap_;
        if (c == kApplicable) {
          f = book_.fill_format(
              *render_internal::parse_hex_colour(applicable_colour(line.applicable)),
              XlsxBook::kCentre | XlsxBook::kBorder);
        } else if ((c >= kReasonRisk && c <= kReasonBusiness) || c == kEvidence) {
          f = centre_;
        }
        lxw_error e = c == kRisks
                          ? worksheet_write_number(
                                ws, row, c, static_cast<double>(line.risk_ids.size()), centre_)
                          : XlsxBook::text(ws, row, c, cells[c], f);
        if (e) return e;
      }
      if (lxw_error e = worksheet_set_row_opt(ws, row, LXW_DEF_ROW_HEIGHT, nullptr, &member))
        return e;
      ++row;
    }
    for (lxw_col_t c = 0; c < kColumns; ++c)
      if (lxw_error e = worksheet_set_column(ws, c, c, kXlsxWidths[c], nullptr)) return e;
    worksheet_freeze_panes(ws, header_row + 1, 1);
    if (lxw_error e = worksheet_autofilter(
            ws, header_row, 0, row > header_row + 1 ? row - 1 : header_row, kColumns - 1))
      return e;
    if (lxw_error e = worksheet_repeat_rows(ws, header_row, header_row)) return e;
    print_setup(ws, soa_.classification_label, soa_.title);
    return LXW_NO_ERROR;
  }

  lxw_error summary_sheet() {
    lxw_worksheet* ws = book_.add_sheet("Summary");
    if (!ws) return LXW_ERROR_SHEETNAME_ALREADY_USED;
    lxw_row_t row = 0;
    if (lxw_error e = title_block(ws, &row)) return e;
    if (lxw_error e = XlsxBook::text(ws, row, 0, "Totals", header_)) return e;
    if (lxw_error e = XlsxBook::text(ws, row, 1, "Lines", header_)) return e;
    ++row;
    for (const auto& [label, n] : totals_rows(soa_.totals)) {
      if (lxw_error e = XlsxBook::text(ws, row, 0, label, nullptr)) return e;
      if (lxw_error e = worksheet_write_number(ws, row, 1, n, nullptr)) return e;
      ++row;
    }
    worksheet_set_column(ws, 0, 0, 24, nullptr);
    worksheet_set_column(ws, 1, 1, 40, nullptr);
    print_setup(ws, soa_.classification_label, soa_.title);
    return LXW_NO_ERROR;
  }

  const SoaDocument& soa_;
  XlsxBook book_;
  lxw_format* title_ = nullptr;
  lxw_format* label_ = nullptr;
  lxw_format* header_ = nullptr;
  lxw_format* band_ = nullptr;
  lxw_format* wrap_ = nullptr;
  lxw_format* centre_ = nullptr;
};

}  // namespace

Result<std::string> soa_xlsx(const SoaDocument& soa) {
  if (soa.lines.size() + 64 > LXW_ROW_MAX)  // lines, theme bands and the title block
    return Error::too_large("the statement of applicability exceeds the spreadsheet's rows");
  return SoaWorkbook(soa).write();
}

Result<std::string> soa_pdf(const SoaDocument& soa) {
  Report r;
  r.title = soa.title;
  r.subtitle = soa.version_label;
  if (!soa.approved_by.empty()) {
    std::string approval = approval_text(soa);
    if (!r.subtitle.empty()) approval = ", a" + approval.substr(1);  // "Version 3, approved by"
    r.subtitle += approval;
  }
  r.organization_name = soa.organization_name;
  r.classification_label = soa.classification_label;
  r.generated_at = soa.generated_at;
  r.landscape = true;
  r.facts = {{"Version", soa.version_label}, {"Approval", approval_text(soa)}};
  const Soa::Totals& t = soa.totals;
  r.facts.emplace_back("Applicability", std::to_string(t.applicable) + " applicable, " +
                                            std::to_string(t.not_applicable) + " not applicable, " +
                                            std::to_string(t.undecided) + " undecided of " +
                                            std::to_string(t.lines) + " lines");
  r.facts.emplace_back("Implementation", std::to_string(t.implemented) + " implemented, " +
                                             std::to_string(t.partial) + " partially, " +
                                             std::to_string(t.planned) + " planned, " +
                                             std::to_string(t.not_started) + " not started");

  std::string group;
  for (const Applicability& line : soa.lines) {
    Group g = group_of(soa, line);
    if (r.sections.empty() || g.key != group) {
      group = g.key;
      ReportSection s;
      s.heading = g.heading;
      ReportTable table;
      table.header = soa_header();
      table.column_weights.assign(std::begin(kPdfWeights), std::end(kPdfWeights));
      table.centered.assign(kColumns, false);
      for (lxw_col_t c : {kApplicable, kReasonRisk, kReasonLegal, kReasonContract, kReasonBusiness,
                          kEvidence, kRisks})
        table.centered[c] = true;
      s.tables.push_back(std::move(table));
      r.sections.push_back(std::move(s));
    }
    std::vector<ReportCell> row;
    for (std::string& text : soa_cells(line)) row.push_back({std::move(text), {}, false});
    row[kControl].bold = true;
    row[kApplicable].background = applicable_colour(line.applicable);
    r.sections.back().tables.back().rows.push_back(std::move(row));
  }
  if (r.sections.empty()) {
    ReportSection s;
    s.heading = "Controls";
    s.paragraphs = {"The statement has no lines."};
    r.sections.push_back(std::move(s));
  }
  return render_report_pdf(r);
}

std::string soa_csv(const SoaDocument& soa) {
  Sheet sheet;
  sheet.header = soa_header();
  sheet.numeric.assign(kColumns, false);
  sheet.numeric[kRisks] = true;
  for (const Applicability& line : soa.lines) sheet.rows.push_back(soa_cells(line));
  return write_csv(sheet);
}

}  // namespace isms
