// The risk register as XLSX and PDF (risk_soa_export.h): the method it is rated under,
// the register itself and the inherent and residual matrices. Levels are shown in their
// method colours everywhere. Risks rated under an older method keep their stored level
// ranks; a rank the current method does not have is shown as "Level n" without colour.
#include <algorithm>

#include "render/report_pdf.h"
#include "render/risk_soa_export.h"
#include "render/xlsx_book.h"

namespace isms {
namespace {

using render_internal::XlsxBook;

std::string treatment_display(Treatment t) {
  switch (t) {
    case Treatment::kUndecided:
      break;
    case Treatment::kMitigate:
      return "Mitigate";
    case Treatment::kAccept:
      return "Accept";
    case Treatment::kAvoid:
      return "Avoid";
    case Treatment::kTransfer:
      return "Transfer";
  }
  return "Undecided";
}

const RiskLevel* level_of(const RiskMethod& m, int rank) {
  for (const RiskLevel& l : m.levels)
    if (l.rank == rank) return &l;
  return nullptr;
}

std::string level_name(const RiskMethod& m, int rank) {
  const RiskLevel* l = level_of(m, rank);
  return l ? l->name : "Level " + std::to_string(rank);
}

std::optional<std::string> level_colour(const RiskMethod& m, int rank) {
  const RiskLevel* l = level_of(m, rank);
  if (!l || !render_internal::parse_hex_colour(l->colour)) return std::nullopt;
  return l->colour;
}

// The grid's rank for likelihood l and impact i (1-based); -1 outside the grid.
int grid_rank(const RiskMethod& m, size_t l, size_t i) {
  if (l < 1 || l > m.grid.size() || i < 1 || i > m.grid[l - 1].size()) return -1;
  return m.grid[l - 1][i - 1];
}

int64_t count_at(const std::vector<std::vector<int64_t>>& counts, size_t l, size_t i) {
  if (l < 1 || l > counts.size() || i < 1 || i > counts[l - 1].size()) return 0;
  return counts[l - 1][i - 1];
}

ReportCell plain(std::string text) { return {std::move(text), std::nullopt, false}; }

std::string scale_label(const ScaleLevel& s) { return std::to_string(s.value) + " " + s.name; }

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string owner_of(const RiskRow& row) {
  return row.owner_name.empty() ? row.risk.owner_name.value_or("") : row.owner_name;
}

std::string acceptance_text(const Risk& r) {
  if (!r.acceptance) return "";
  const RiskAcceptance& a = *r.acceptance;
  std::string out =
      "Accepted by " + (a.accepted_by_name.empty() ? a.accepted_by_person_id : a.accepted_by_name);
  if (!a.accepted_by_role.empty()) out += " (" + a.accepted_by_role + ")";
  if (!a.expires_on.empty()) out += " until " + a.expires_on;
  return out;
}

std::string appetite_text(const RiskMethod& m) {
  return "Residual risks up to level " + level_name(m, m.appetite_rank) +
         " are within the risk appetite and may be accepted by the risk owner. Higher levels "
         "must be accepted by the role \"" +
         m.acceptance_role_key + "\" (permission risks:accept). Acceptances are valid for " +
         std::to_string(m.acceptance_validity_months) + " months.";
}

std::string method_title(const RiskMethod& m) {
  return (m.name.empty() ? std::string("Risk method") : m.name) + ", version " +
         std::to_string(m.number);
}

int64_t above_appetite(const RiskRegisterDocument& doc) {
  return std::count_if(doc.risks.begin(), doc.risks.end(), [&](const RiskRow& r) {
    return r.risk.residual_level > doc.method.appetite_rank;
  });
}

// Register columns of the workbook.
enum Column : lxw_col_t {
  kRef,
  kTitle,
  kAssets,
  kThreat,
  kVulnerability,
  kOwner,
  kInherentL,
  kInherentI,
  kInherentLevel,
  kTreatment,
  kControls,
  kResidualL,
  kResidualI,
  kResidualLevel,
  kAcceptance,
  kNextReview,
  kFlags,
  kColumns
};
const char* const kHeader[kColumns] = {
    "Ref",        "Title",          "Assets",         "Threat",      "Vulnerability", "Owner",
    "Inherent L", "Inherent I",     "Inherent level", "Treatment",   "Controls",      "Residual L",
    "Residual I", "Residual level", "Acceptance",     "Next review", "Flags"};
constexpr double kWidths[kColumns] = {10, 36, 28, 24, 24, 18, 10, 10, 14,
                                      12, 20, 10, 10, 14, 32, 12, 30};

std::string header_footer_text(std::string_view s) {
  std::string out;
  for (char c : render_internal::xlsx_text(s)) {
    if (c == '\n' || c == '\t') c = ' ';
    if (c == '&') out.push_back('&');  // Excel's codes start with '&'
    out.push_back(c);
  }
  return out.substr(0, 100);
}

class RegisterWorkbook {
 public:
  explicit RegisterWorkbook(const RiskRegisterDocument& doc) : doc_(doc), m_(doc.method) {}

  Result<std::string> write() {
    if (!book_.ok()) return Error::internal("xlsx: cannot create the workbook");
    formats();
    lxw_error failure = method_sheet();
    if (!failure) failure = register_sheet();
    if (!failure) failure = matrix_sheet("Inherent matrix", "Inherent risk", doc_.inherent_counts);
    if (!failure) failure = matrix_sheet("Residual matrix", "Residual risk", doc_.residual_counts);
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

  // A level's cell format: its colour, or the plain bordered one.
  lxw_format* level_format(int rank, unsigned flags) {
    std::optional<std::string> colour = level_colour(m_, rank);
    if (!colour) return flags & XlsxBook::kCentre ? centre_ : wrap_;
    return book_.fill_format(*render_internal::parse_hex_colour(*colour),
                             flags | XlsxBook::kBorder);
  }

  void print_setup(lxw_worksheet* ws, const std::string& title) {
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);  // A4
    worksheet_fit_to_pages(ws, 1, 0);
    std::string header =
        "&L&B" + header_footer_text(doc_.classification_label) + "&R" + header_footer_text(title);
    worksheet_set_header(ws, header.c_str());
    worksheet_set_footer(ws, "&RPage &P of &N");
  }

  lxw_error title_block(lxw_worksheet* ws, const std::string& title, lxw_row_t* row) {
    if (lxw_error e = XlsxBook::text(ws, 0, 0, title, title_)) return e;
    worksheet_set_row(ws, 0, 24, nullptr);
    const std::pair<std::string, std::string> facts[] = {
        {"Organization", doc_.organization_name},
        {"Method", method_title(m_)},
        {"Generated", doc_.generated_at},
        {"Classification", doc_.classification_label}};
    *row = 1;
    for (const auto& [label, value] : facts) {
      if (lxw_error e = XlsxBook::text(ws, *row, 0, label, label_)) return e;
      if (lxw_error e = XlsxBook::text(ws, *row, 1, value, nullptr)) return e;
      ++*row;
    }
    ++*row;
    return LXW_NO_ERROR;
  }

  lxw_error band(lxw_worksheet* ws, lxw_row_t row, const std::string& text, lxw_col_t columns) {
    for (lxw_col_t c = 0; c < columns; ++c)
      if (lxw_error e = XlsxBook::text(ws, row, c, c == 0 ? text : "", band_)) return e;
    return LXW_NO_ERROR;
  }

  lxw_error scale(lxw_worksheet* ws, const std::string& name, const std::vector<ScaleLevel>& levels,
                  lxw_row_t* row) {
    if (lxw_error e = band(ws, (*row)++, name, 3)) return e;
    const char* header[] = {"Value", "Name", "Description"};
    for (lxw_col_t c = 0; c < 3; ++c)
      if (lxw_error e = XlsxBook::text(ws, *row, c, header[c], header_)) return e;
    ++*row;
    for (const ScaleLevel& s : levels) {
      if (lxw_error e = worksheet_write_number(ws, *row, 0, s.value, centre_)) return e;
      if (lxw_error e = XlsxBook::text(ws, *row, 1, s.name, wrap_)) return e;
      if (lxw_error e = XlsxBook::text(ws, *row, 2, s.description, wrap_)) return e;
      ++*row;
    }
    ++*row;
    return LXW_NO_ERROR;
  }

  // Likelihood rows from high to low, impact columns from low to high, starting at `*row`;
  // each cell filled with the grid's level colour and holding `cell(l, i)`.
  template <typename CellFn>
  lxw_error grid(lxw_worksheet* ws, lxw_row_t* row, CellFn cell) {
    if (lxw_error e = XlsxBook::text(ws, *row, 0, "Likelihood \\ Impact", header_)) return e;
    for (size_t i = 1; i <= m_.impact.size(); ++i)
      if (lxw_error e = XlsxBook::text(ws, *row, static_cast<lxw_col_t>(i),
                                       scale_label(m_.impact[i - 1]), header_))
        return e;
    worksheet_set_row(ws, *row, 30, nullptr);
    ++*row;
    for (size_t l = m_.likelihood.size(); l >= 1; --l) {
      if (lxw_error e = XlsxBook::text(ws, *row, 0, scale_label(m_.likelihood[l - 1]), header_))
        return e;
      for (size_t i = 1; i <= m_.impact.size(); ++i) {
        lxw_format* f = level_format(grid_rank(m_, l, i), XlsxBook::kCentre | XlsxBook::kBold);
        if (lxw_error e = cell(*row, static_cast<lxw_col_t>(i), l, i, f)) return e;
      }
      worksheet_set_row(ws, *row, 30, nullptr);
      ++*row;
    }
    return LXW_NO_ERROR;
  }

  lxw_error method_sheet() {
    lxw_worksheet* ws = book_.add_sheet("Method");
    if (!ws) return LXW_ERROR_SHEETNAME_ALREADY_USED;
    lxw_row_t row = 0;
    if (lxw_error e = title_block(ws, "Risk method", &row)) return e;
    if (lxw_error e = scale(ws, "Likelihood", m_.likelihood, &row)) return e;
    if (lxw_error e = scale(ws, "Impact", m_.impact, &row)) return e;

    if (lxw_error e = band(ws, row++, "Risk levels", 4)) return e;
    const char* header[] = {"Rank", "Level", "Colour", "Within appetite"};
    for (lxw_col_t c = 0; c < 4; ++c)
      if (lxw_error e = XlsxBook::text(ws, row, c, header[c], header_)) return e;
    ++row;
    for (const RiskLevel& l : m_.levels) {
      if (lxw_error e = worksheet_write_number(ws, row, 0, l.rank, centre_)) return e;
      if (lxw_error e = XlsxBook::text(ws, row, 1, l.name, level_format(l.rank, XlsxBook::kBold)))
        return e;
      if (lxw_error e = XlsxBook::text(ws, row, 2, l.colour, wrap_)) return e;
      if (lxw_error e =
              XlsxBook::text(ws, row, 3, l.rank <= m_.appetite_rank ? "Yes" : "No", centre_))
        return e;
      ++row;
    }
    ++row;

    if (lxw_error e = band(ws, row++, "Risk appetite and acceptance", 4)) return e;
    const std::pair<std::string, std::string> appetite[] = {
        {"Appetite", level_name(m_, m_.appetite_rank)},
        {"Acceptance role", m_.acceptance_role_key},
        {"Validity", std::to_string(m_.acceptance_validity_months) + " months"},
        {"Rule", appetite_text(m_)}};
    for (const auto& [label, value] : appetite) {
      if (lxw_error e = XlsxBook::text(ws, row, 0, label, label_)) return e;
      if (lxw_error e = XlsxBook::text(ws, row, 1, value, nullptr)) return e;
      ++row;
    }
    if (!m_.change_note.empty()) {
      if (lxw_error e = XlsxBook::text(ws, row, 0, "Change note", label_)) return e;
      if (lxw_error e = XlsxBook::text(ws, row, 1, m_.change_note, nullptr)) return e;
      ++row;
    }
    ++row;

    if (lxw_error e = band(ws, row++, "Risk level by likelihood and impact",
                           static_cast<lxw_col_t>(m_.impact.size() + 1)))
      return e;
    lxw_error e = grid(ws, &row, [&](lxw_row_t r, lxw_col_t c, size_t l, size_t i, lxw_format* f) {
      return XlsxBook::text(ws, r, c, level_name(m_, grid_rank(m_, l, i)), f);
    });
    if (e) return e;
    worksheet_set_column(ws, 0, 0, 22, nullptr);
    worksheet_set_column(ws, 1, 1, 24, nullptr);
    worksheet_set_column(ws, 2, 2, 50, nullptr);
    worksheet_set_column(ws, 3, 8, 16, nullptr);
    print_setup(ws, "Risk method");
    return LXW_NO_ERROR;
  }

  lxw_error register_sheet() {
    lxw_worksheet* ws = book_.add_sheet("Register");
    if (!ws) return LXW_ERROR_SHEETNAME_ALREADY_USED;
    worksheet_activate(ws);  // the workbook opens on the register
    lxw_row_t row = 0;
    if (lxw_error e = title_block(ws, "Risk register", &row)) return e;
    const lxw_row_t header_row = row;
    for (lxw_col_t c = 0; c < kColumns; ++c)
      if (lxw_error e = XlsxBook::text(ws, header_row, c, kHeader[c], header_)) return e;
    worksheet_set_row(ws, header_row, 30, nullptr);
    ++row;
    for (const RiskRow& rr : doc_.risks) {
      const Risk& r = rr.risk;
      auto text = [&](Column c, const std::string& value, lxw_format* f) {
        return XlsxBook::text(ws, row, c, value, f);
      };
      auto number = [&](Column c, int value) {
        return worksheet_write_number(ws, row, c, value, centre_);
      };
      lxw_error e = LXW_NO_ERROR;
      if (!e) e = text(kRef, r.ref, wrap_);
      if (!e) e = text(kTitle, r.title, wrap_);
      if (!e) e = text(kAssets, join(rr.asset_names), wrap_);
      if (!e) e = text(kThreat, r.threat_name, wrap_);
      if (!e) e = text(kVulnerability, r.vulnerability_name, wrap_);
      if (!e) e = text(kOwner, owner_of(rr), wrap_);
      if (!e) e = number(kInherentL, r.inherent.likelihood);
      if (!e) e = number(kInherentI, r.inherent.impact());
      if (!e)
        e = text(kInherentLevel, level_name(m_, r.inherent_level),
                 level_format(r.inherent_level, XlsxBook::kCentre));
      if (!e) e = text(kTreatment, treatment_display(r.treatment), wrap_);
      if (!e) e = text(kControls, join(rr.control_refs), wrap_);
      if (!e) e = number(kResidualL, r.residual.likelihood);
      if (!e) e = number(kResidualI, r.residual.impact());
      if (!e)
        e = text(kResidualLevel, level_name(m_, r.residual_level),
                 level_format(r.residual_level, XlsxBook::kCentre));
      if (!e) e = text(kAcceptance, acceptance_text(r), wrap_);
      if (!e) e = text(kNextReview, r.next_review_on.value_or(""), wrap_);
      if (!e) e = text(kFlags, rr.flags, wrap_);
      if (e) return e;
      ++row;
    }
    for (lxw_col_t c = 0; c < kColumns; ++c)
      if (lxw_error e = worksheet_set_column(ws, c, c, kWidths[c], nullptr)) return e;
    worksheet_freeze_panes(ws, header_row + 1, 2);  // ref and title stay in view
    lxw_row_t last = row > header_row + 1 ? row - 1 : header_row;
    if (lxw_error e = worksheet_autofilter(ws, header_row, 0, last, kColumns - 1)) return e;
    if (lxw_error e = worksheet_repeat_rows(ws, header_row, header_row)) return e;
    print_setup(ws, "Risk register");
    return LXW_NO_ERROR;
  }

  lxw_error matrix_sheet(const char* name, const std::string& title,
                         const std::vector<std::vector<int64_t>>& counts) {
    lxw_worksheet* ws = book_.add_sheet(name);
    if (!ws) return LXW_ERROR_SHEETNAME_ALREADY_USED;
    lxw_row_t row = 0;
    if (lxw_error e = title_block(ws, title + ": number of risks", &row)) return e;
    lxw_error e = grid(ws, &row, [&](lxw_row_t r, lxw_col_t c, size_t l, size_t i, lxw_format* f) {
      return worksheet_write_number(ws, r, c, static_cast<double>(count_at(counts, l, i)), f);
    });
    if (e) return e;
    ++row;
    // The legend: which colour is which level.
    for (const RiskLevel& l : m_.levels) {
      if (lxw_error e2 = XlsxBook::text(ws, row, 0, l.name, level_format(l.rank, XlsxBook::kBold)))
        return e2;
      if (l.rank == m_.appetite_rank)
        if (lxw_error e2 = XlsxBook::text(ws, row, 1, "Risk appetite", nullptr)) return e2;
      ++row;
    }
    worksheet_set_column(ws, 0, 0, 24, nullptr);
    worksheet_set_column(ws, 1, static_cast<lxw_col_t>(std::max<size_t>(m_.impact.size(), 1)), 16,
                         nullptr);
    print_setup(ws, title);
    return LXW_NO_ERROR;
  }

  const RiskRegisterDocument& doc_;
  const RiskMethod& m_;
  XlsxBook book_;
  lxw_format* title_ = nullptr;
  lxw_format* label_ = nullptr;
  lxw_format* header_ = nullptr;
  lxw_format* band_ = nullptr;
  lxw_format* wrap_ = nullptr;
  lxw_format* centre_ = nullptr;
};

// A matrix as a report table: likelihood rows high to low, impact columns low to high.
template <typename CellFn>
ReportTable matrix_table(const RiskMethod& m, CellFn text) {
  ReportTable t;
  t.header_column = true;
  t.header.push_back("Likelihood \\ Impact");
  t.column_weights.push_back(1.6);
  for (const ScaleLevel& s : m.impact) {
    t.header.push_back(scale_label(s));
    t.column_weights.push_back(1);
  }
  for (size_t l = m.likelihood.size(); l >= 1; --l) {
    std::vector<ReportCell> row{{scale_label(m.likelihood[l - 1]), {}, true}};
    for (size_t i = 1; i <= m.impact.size(); ++i)
      row.push_back({text(l, i), level_colour(m, grid_rank(m, l, i)), true});
    t.rows.push_back(std::move(row));
  }
  return t;
}

ReportTable scale_table(const std::vector<ScaleLevel>& levels) {
  ReportTable t;
  t.header = {"Value", "Name", "Description"};
  t.column_weights = {1, 3, 10};
  t.centered = {true};
  for (const ScaleLevel& s : levels)
    t.rows.push_back({plain(std::to_string(s.value)), {s.name, {}, true}, plain(s.description)});
  return t;
}

ReportCell rating_cell(const RiskMethod& m, const RiskRating& rating, int level) {
  return {"L" + std::to_string(rating.likelihood) + " \u00d7 I" + std::to_string(rating.impact()) +
              "\n" + level_name(m, level),
          level_colour(m, level), false};
}

}  // namespace

Result<std::string> risk_register_xlsx(const RiskRegisterDocument& doc) {
  if (doc.risks.size() + 16 > LXW_ROW_MAX)
    return Error::too_large("the risk register exceeds the spreadsheet's rows");
  return RegisterWorkbook(doc).write();
}

Result<std::string> risk_register_pdf(const RiskRegisterDocument& doc) {
  const RiskMethod& m = doc.method;
  Report r;
  r.title = "Risk register";
  r.subtitle = "Rated under " + method_title(m);
  r.organization_name = doc.organization_name;
  r.classification_label = doc.classification_label;
  r.generated_at = doc.generated_at;
  r.landscape = true;
  r.facts = {{"Risks", std::to_string(doc.risks.size())},
             {"Above appetite", std::to_string(above_appetite(doc)) + " (residual level above " +
                                    level_name(m, m.appetite_rank) + ")"},
             {"Method", method_title(m)}};

  ReportSection method;
  method.heading = "Risk method";
  method.paragraphs = {appetite_text(m)};
  if (!m.change_note.empty()) method.paragraphs.push_back("Change note: " + m.change_note);
  method.tables.push_back(scale_table(m.likelihood));
  method.tables.back().header[1] = "Likelihood";
  method.tables.push_back(scale_table(m.impact));
  method.tables.back().header[1] = "Impact";
  ReportTable levels;
  levels.header = {"Rank", "Level", "Within appetite"};
  levels.column_weights = {1, 3, 3};
  levels.centered = {true, false, true};
  for (const RiskLevel& l : m.levels)
    levels.rows.push_back({plain(std::to_string(l.rank)),
                           {l.name, level_colour(m, l.rank), true},
                           plain(l.rank <= m.appetite_rank ? "Yes" : "No")});
  method.tables.push_back(std::move(levels));
  method.tables.push_back(
      matrix_table(m, [&](size_t l, size_t i) { return level_name(m, grid_rank(m, l, i)); }));
  r.sections.push_back(std::move(method));

  for (bool residual : {false, true}) {
    const auto& counts = residual ? doc.residual_counts : doc.inherent_counts;
    ReportSection s;
    s.heading = residual ? "Residual risk matrix" : "Inherent risk matrix";
    s.paragraphs = {std::string("Number of risks by likelihood and impact ") +
                    (residual ? "after treatment." : "before treatment.")};
    s.tables.push_back(matrix_table(
        m, [&](size_t l, size_t i) { return std::to_string(count_at(counts, l, i)); }));
    r.sections.push_back(std::move(s));
  }

  ReportSection reg;
  reg.heading = "Risk register";
  ReportTable t;
  t.header = {"Ref",        "Title",       "Assets",    "Threat",   "Vulnerability",
              "Owner",      "Inherent",    "Treatment", "Controls", "Residual",
              "Acceptance", "Next review", "Flags"};
  // Wide enough that no header word breaks at 8 points on A4 landscape.
  t.column_weights = {5.5, 10.5, 9, 8, 9, 7, 6.5, 7.8, 7, 6.5, 8.5, 7.5, 7};
  t.centered = {false, false, false, false, false, false, true, false, false, true};
  for (const RiskRow& rr : doc.risks) {
    const Risk& k = rr.risk;
    t.rows.push_back({{k.ref, {}, true},
                      plain(k.title),
                      plain(join(rr.asset_names)),
                      plain(k.threat_name),
                      plain(k.vulnerability_name),
                      plain(owner_of(rr)),
                      rating_cell(m, k.inherent, k.inherent_level),
                      plain(treatment_display(k.treatment)),
                      plain(join(rr.control_refs)),
                      rating_cell(m, k.residual, k.residual_level),
                      plain(acceptance_text(k)),
                      plain(k.next_review_on.value_or("")),
                      plain(rr.flags)});
  }
  if (doc.risks.empty())
    reg.paragraphs = {"The register has no risks."};
  else
    reg.tables.push_back(std::move(t));
  r.sections.push_back(std::move(reg));
  return render_report_pdf(r);
}

}  // namespace isms
