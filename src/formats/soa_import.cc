// formats/soa_import.h: the column mapping (JSON, suggestion from header words, resolution
// against a table) and reading the rows. The words of the cells are in
// soa_import_words.cc.
#include "formats/soa_import.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "formats/soa_import_internal.h"

namespace isms {

namespace {

using namespace soa_detail;

constexpr int kHeaderScanRows = 30;
constexpr int kContentScanRows = 1000;

// The JSON keys of the columns, in the order soa_mapping_to_json writes them.
constexpr std::array<std::string_view, 9> kColumnKeys = {
    "ref",           "applicable",         "reasons",         "reason_risk",
    "reason_legal",  "reason_contractual", "reason_business", "justification",
    "implementation"};

int* column_of(SoaColumnMapping& m, std::string_view key) {
  if (key == "ref") return &m.ref;
  if (key == "applicable") return &m.applicable;
  if (key == "reasons") return &m.reasons;
  if (key == "reason_risk") return &m.reason_risk;
  if (key == "reason_legal") return &m.reason_legal;
  if (key == "reason_contractual") return &m.reason_contractual;
  if (key == "reason_business") return &m.reason_business;
  if (key == "justification") return &m.justification;
  if (key == "implementation") return &m.implementation;
  return nullptr;
}

int column_value(const SoaColumnMapping& m, std::string_view key) {
  return *column_of(const_cast<SoaColumnMapping&>(m), key);
}

std::string quote_text(std::string_view s) { return "\"" + std::string(s) + "\""; }

// ---- Header words ----

enum class Role {
  kNone,
  kRef,
  kTitle,
  kApplicable,
  kReasons,
  kRisk,
  kLegal,
  kContractual,
  kBusiness,
  kJustification,
  kImplementation
};

std::string_view role_key(Role r) {
  switch (r) {
    case Role::kRef:
      return "ref";
    case Role::kApplicable:
      return "applicable";
    case Role::kReasons:
      return "reasons";
    case Role::kRisk:
      return "reason_risk";
    case Role::kLegal:
      return "reason_legal";
    case Role::kContractual:
      return "reason_contractual";
    case Role::kBusiness:
      return "reason_business";
    case Role::kJustification:
      return "justification";
    case Role::kImplementation:
      return "implementation";
    case Role::kNone:
    case Role::kTitle:
      break;
  }
  return "";
}

std::vector<std::string> words_of(const std::string& folded) {
  std::vector<std::string> words;
  std::string w;
  for (char c : folded) {
    auto u = static_cast<unsigned char>(c);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || u >= 0x80 || c == '#') {
      w.push_back(c);
    } else if (!w.empty()) {
      words.push_back(std::move(w));
      w.clear();
    }
  }
  if (!w.empty()) words.push_back(std::move(w));
  return words;
}

struct Classified {
  Role role = Role::kNone;
  int strength = 0;  // among columns of one role the strongest wins, then the leftmost
};

// What a header cell announces. Order matters: "Justification for applicability" is a
// justification, "Implementation status" an implementation, "Control title" a title.
Classified classify(std::string_view label) {
  std::string f = fold(label);
  if (f.empty() || f.size() > 80) return {};
  std::vector<std::string> words = words_of(f);
  auto has = [&](std::string_view part) { return f.find(part) != std::string::npos; };
  auto word = [&](std::string_view w) {
    return std::find(words.begin(), words.end(), w) != words.end();
  };
  auto only = [&](std::initializer_list<std::string_view> ws) {
    for (std::string_view w : ws) {
      if (f == w) return true;
    }
    return false;
  };
  if (has("justif") || has("begründung") || has("begruendung") || has("rationale") ||
      has("exclusion") || has("ausschluss") || has("erläuterung") || has("explanation")) {
    return {Role::kJustification, 1};
  }
  if (has("implement") || has("umsetzung") || has("umgesetzt")) return {Role::kImplementation, 2};
  if (has("applicab") || has("anwendbar") || has("included") || has("in scope") ||
      only({"selected", "apply", "applies", "include"})) {
    return {Role::kApplicable, 1};
  }
  if (has("status") || has("progress") || word("stand")) return {Role::kImplementation, 1};
  if (has("reason") || has("grund") || has("gründe") || has("selection") || has("inclusion") ||
      has("source")) {
    return {Role::kReasons, 1};
  }
  if (has("risk") || has("risiko") || only({"rra", "ra", "rtp"})) return {Role::kRisk, 1};
  if (has("legal") || has("regulat") || has("gesetz") || has("law") || only({"lr"})) {
    return {Role::kLegal, 1};
  }
  if (has("contract") || has("vertrag") || only({"co", "cr"})) return {Role::kContractual, 1};
  if (has("business") || has("best practice") || has("geschäft") ||
      only({"br", "bp", "br/bp", "br / bp"})) {
    return {Role::kBusiness, 1};
  }
  if (has("title") || has("titel") || has("name") || has("description") || has("beschreibung") ||
      has("objective") || has("bezeichnung") || has("text")) {
    return {Role::kTitle, 1};
  }
  if (word("id") || word("ref") || word("reference") || word("no") || word("nr") ||
      word("number") || word("#") || has("nummer") || word("clause")) {
    return {Role::kRef, 2};
  }
  if (has("control") || has("maßnahme") || has("massnahme") || has("kontrolle") || has("annex a") ||
      has("anhang a") || has("iso")) {
    return {Role::kRef, 1};
  }
  return {};
}

// ---- Header detection ----

int widest(const Table& t) {
  size_t w = 0;
  for (const auto& r : t.rows) w = std::max(w, r.size());
  return static_cast<int>(std::min(w, kTableColumnsMax));
}

// Header labels of the first rows: a cell's own text, else the text of the merged range it
// lies in.
class HeaderGrid {
 public:
  explicit HeaderGrid(const Table& t)
      : rows_(std::min<int>(kHeaderScanRows, static_cast<int>(t.rows.size()))), width_(widest(t)) {
    labels_.resize(static_cast<size_t>(rows_));
    for (int r = 0; r < rows_; ++r) {
      std::vector<MergeInterval> intervals;
      for (const MergedRange& m : t.merged) {
        if (m.first_row <= r && r <= m.last_row) {
          intervals.push_back({m.first_column, m.last_column, {m.first_row, m.first_column}});
        }
      }
      auto painted = paint_merges(width_, intervals);
      auto& row = labels_[static_cast<size_t>(r)];
      for (int c = 0; c < width_; ++c) {
        std::string text = trim_text(cell_at(t, r, c).text);
        if (text.empty() && painted[static_cast<size_t>(c)]) {
          auto [sr, sc] = *painted[static_cast<size_t>(c)];
          text = trim_text(cell_at(t, sr, sc).text);
        }
        row.push_back(std::move(text));
      }
    }
  }
  int rows() const { return rows_; }
  int width() const { return width_; }
  const std::string& label(int r, int c) const {
    return labels_[static_cast<size_t>(r)][static_cast<size_t>(c)];
  }

 private:
  int rows_;
  int width_;
  std::vector<std::vector<std::string>> labels_;
};

struct HeaderBlock {
  int first = -1;  // first row of the header block
  int last = -1;   // the header row
};

// A header row announces at least two different roles and holds no control id. The best
// row (most roles, the first on a tie) grows into the header block with the neighbouring
// rows that qualify too; the block's last row is the header row.
HeaderBlock detect_header(const Table& t, const HeaderGrid& grid) {
  std::vector<int> score(static_cast<size_t>(grid.rows()), 0);
  for (int r = 0; r < grid.rows(); ++r) {
    std::set<Role> roles;
    bool has_id = false;
    for (int c = 0; c < grid.width(); ++c) {
      if (looks_like_control_id(cell_at(t, r, c))) has_id = true;
      Role role = classify(grid.label(r, c)).role;
      if (role != Role::kNone) roles.insert(role);
    }
    score[static_cast<size_t>(r)] = has_id ? 0 : static_cast<int>(roles.size());
  }
  HeaderBlock block;
  int best = -1;
  for (int r = 0; r < grid.rows(); ++r) {
    if (score[static_cast<size_t>(r)] >= 2 &&
        (best < 0 || score[static_cast<size_t>(r)] > score[static_cast<size_t>(best)])) {
      best = r;
    }
  }
  if (best < 0) return block;
  block.first = block.last = best;
  while (block.first > 0 && score[static_cast<size_t>(block.first - 1)] >= 2) --block.first;
  while (block.last + 1 < grid.rows() && score[static_cast<size_t>(block.last + 1)] >= 2) {
    ++block.last;
  }
  return block;
}

// ---- Rows ----

// Which cell shows at (row, column) for the mapped data columns: its own, else the
// top-left cell of a merged range (a justification merged over a group of rows).
class DataCells {
 public:
  DataCells(const Table& t, const std::vector<int>& columns) : t_(t) {
    for (int c : columns) {
      if (c < 0 || sources_.count(c)) continue;
      std::vector<MergeInterval> intervals;
      for (const MergedRange& m : t.merged) {
        // Only ranges that start in this column: a row merged across the sheet (a
        // section heading) holds the value of its first column, not of every column.
        if (m.first_column == c) {
          intervals.push_back({m.first_row, m.last_row, {m.first_row, m.first_column}});
        }
      }
      sources_[c] = paint_merges(static_cast<int>(t.rows.size()), intervals);
    }
  }
  const TableCell& at(int row, int column) const {
    const TableCell& own = cell_at(t_, row, column);
    if (own.kind != CellKind::kEmpty) return own;
    auto it = sources_.find(column);
    if (it == sources_.end() || static_cast<size_t>(row) >= it->second.size()) return own;
    const auto& src = it->second[static_cast<size_t>(row)];
    return src ? cell_at(t_, src->first, src->second) : own;
  }

 private:
  const Table& t_;
  std::map<int, std::vector<std::optional<std::pair<int, int>>>> sources_;
};

bool is_no_mark(const std::string& folded) {
  return folded.empty() || folded == "no" || folded == "n" || folded == "false" || folded == "0" ||
         folded == "-" || folded == "nein" || folded == "n/a" || folded == "falsch";
}

// Reasons written as words in one cell: "Risk, Legal", "RRA / LR", "contractual".
std::optional<InclusionReason> reason_word(const std::string& w) {
  auto has = [&](std::string_view part) { return w.find(part) != std::string::npos; };
  if (auto r = parse_inclusion_reason(w)) return r;
  if (has("risk") || has("risiko") || w == "rra" || w == "ra" || w == "rtp" || w == "r") {
    return InclusionReason::kRiskTreatment;
  }
  if (has("legal") || has("law") || has("regulat") || has("statut") || has("gesetz") ||
      has("recht") || w == "lr" || w == "l" || w == "gdpr" || w == "dsgvo") {
    return InclusionReason::kLegal;
  }
  if (has("contract") || has("vertrag") || w == "co" || w == "c" || w == "cr") {
    return InclusionReason::kContractual;
  }
  if (has("business") || has("best practice") || has("geschäft") || has("need") || has("bedarf") ||
      w == "br" || w == "bp" || w == "b") {
    return InclusionReason::kBusinessNeed;
  }
  return std::nullopt;
}

std::vector<std::string> split_reason_words(const std::string& folded) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    std::string t = trim_text(cur);
    if (!t.empty()) out.push_back(t);
    cur.clear();
  };
  for (size_t i = 0; i < folded.size(); ++i) {
    char c = folded[i];
    if (c == ',' || c == ';' || c == '/' || c == '+' || c == '&' || c == '\n') {
      flush();
    } else if (folded.compare(i, 5, " and ") == 0 || folded.compare(i, 5, " und ") == 0) {
      flush();
      i += 4;
    } else {
      cur.push_back(c);
    }
  }
  flush();
  return out;
}

// Line breaks as \n, other control characters dropped (cells carry vertical tabs and the
// like from old exports).
std::string clean_justification(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == '\r') {
      out.push_back('\n');
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else if (c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7F)) {
      out.push_back(static_cast<char>(c));
    }
  }
  return trim_text(out);
}

size_t code_points(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace

// ---- Mapping JSON ----

Result<SoaColumnMapping> soa_mapping_from_json(const Json& body) {
  if (!body.is_object()) return Error::invalid("mapping", "must be a JSON object");
  SoaColumnMapping m;
  std::vector<FieldError> errors;
  for (auto it = body.begin(); it != body.end(); ++it) {
    const std::string& key = it.key();
    const Json& v = it.value();
    if (key == "sheet") {
      if (v.is_null()) continue;
      if (!v.is_string()) {
        errors.push_back({key, "must be a sheet name"});
      } else {
        m.sheet = v.get<std::string>();
      }
    } else if (key == "header_row") {
      if (v.is_null()) continue;
      if (!v.is_number_integer() || v.get<int64_t>() < 0 ||
          v.get<int64_t>() > static_cast<int64_t>(kTableRowsMax)) {
        errors.push_back({key, "must be a row number (1 for the first row) or null to detect"});
      } else {
        m.header_row = static_cast<int>(v.get<int64_t>()) - 1;  // 0 = detect as well
      }
    } else if (int* column = column_of(m, key)) {
      if (v.is_null()) continue;
      std::string text = v.is_string() ? trim_text(v.get<std::string>()) : "";
      if (text.empty()) {
        errors.push_back({key, "must be a column letter (\"B\"), a header text or null"});
        continue;
      }
      auto index = column_index(text);
      if (index && *index < static_cast<int>(kTableColumnsMax)) {
        *column = *index;
      } else {
        m.header_texts[key] = text;
      }
    } else {
      errors.push_back({key, "unknown mapping key"});
    }
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return m;
}

Json soa_mapping_to_json(const SoaColumnMapping& m) {
  Json out = Json::object();
  out["sheet"] = m.sheet;
  out["header_row"] = m.header_row >= 0 ? Json(m.header_row + 1) : Json(nullptr);
  for (std::string_view key : kColumnKeys) {
    int c = column_value(m, key);
    auto text = m.header_texts.find(std::string(key));
    if (c >= 0) {
      out[std::string(key)] = column_letter(c);
    } else if (text != m.header_texts.end()) {
      out[std::string(key)] = text->second;
    } else {
      out[std::string(key)] = nullptr;
    }
  }
  return out;
}

// ---- Suggestion and resolution ----

SoaColumnMapping suggest_soa_mapping(const Table& table) {
  SoaColumnMapping m;
  m.sheet = table.sheet_name;
  HeaderGrid grid(table);
  HeaderBlock block = detect_header(table, grid);
  m.header_row = block.last;
  if (block.last >= 0) {
    std::map<Role, std::pair<int, int>> best;  // role -> (strength, column)
    for (bool context : {false, true}) {
      for (int c = 0; c < grid.width(); ++c) {
        Classified k = classify(grid.label(block.last, c));
        // A column without a label of its own takes the nearest label above it in the
        // block ("Justification" over two rows that were not merged).
        for (int r = block.last - 1; context && k.role == Role::kNone && r >= block.first; --r) {
          k = classify(grid.label(r, c));
        }
        if (k.role == Role::kNone || k.role == Role::kTitle) continue;
        auto it = best.find(k.role);
        if (it == best.end()) {
          best[k.role] = {k.strength, c};
        } else if (!context && k.strength > it->second.first) {
          it->second = {k.strength, c};
        }
      }
    }
    std::set<int> taken;
    for (const auto& [role, sc] : best) {
      if (taken.insert(sc.second).second) *column_of(m, role_key(role)) = sc.second;
    }
  }
  // By content when the headers say nothing (or name a column without any ids): the
  // column with the most control ids, the column with the most applicability words.
  int first = block.last + 1;
  int end = std::min<int>(static_cast<int>(table.rows.size()), first + kContentScanRows);
  std::vector<int> ids(static_cast<size_t>(grid.width()), 0);
  std::vector<int> words(static_cast<size_t>(grid.width()), 0);
  for (int r = first; r < end; ++r) {
    for (int c = 0; c < grid.width(); ++c) {
      const TableCell& cell = cell_at(table, r, c);
      if (looks_like_control_id(cell)) ++ids[static_cast<size_t>(c)];
      if (cell.kind != CellKind::kEmpty && parse_applicability_word(cell.text)) {
        ++words[static_cast<size_t>(c)];
      }
    }
  }
  auto argmax = [&](const std::vector<int>& counts, int except) {
    int best = -1;
    for (int c = 0; c < static_cast<int>(counts.size()); ++c) {
      if (c != except && counts[static_cast<size_t>(c)] > 0 &&
          (best < 0 || counts[static_cast<size_t>(c)] > counts[static_cast<size_t>(best)])) {
        best = c;
      }
    }
    return best;
  };
  if (m.ref < 0 || ids[static_cast<size_t>(m.ref)] == 0) {
    int c = argmax(ids, -1);
    if (c >= 0) m.ref = c;
  }
  if (m.applicable < 0 || m.applicable == m.ref) {
    std::vector<int> mapped;
    for (std::string_view key : kColumnKeys) mapped.push_back(column_value(m, key));
    for (int c : mapped) {
      if (c >= 0 && c != m.applicable) words[static_cast<size_t>(c)] = 0;
    }
    m.applicable = argmax(words, m.ref);
  }
  return m;
}

Result<SoaColumnMapping> resolve_soa_mapping(const Table& table, const SoaColumnMapping& mapping) {
  SoaColumnMapping m = mapping;
  if (table.rows.empty()) return Error::invalid("file", "the table has no rows");
  HeaderGrid grid(table);
  HeaderBlock block;
  if (m.header_row < 0) {
    block = detect_header(table, grid);
    m.header_row = block.last;
  } else {
    block.first = block.last = m.header_row;
  }
  if (m.header_row >= static_cast<int>(table.rows.size())) {
    return Error::invalid("header_row", "row " + std::to_string(m.header_row + 1) +
                                            " is past the last row (" +
                                            std::to_string(table.rows.size()) + ")");
  }
  for (const auto& [key, text] : mapping.header_texts) {
    if (m.header_row < 0) {
      return Error::invalid(key, "the column is given by its header " + quote_text(text) +
                                     " but no header row was found; give header_row");
    }
    std::string want = fold(text);
    int found = -1;
    // The header row first, then the rows above it (a two-row header block).
    for (int r = m.header_row; found < 0 && r >= std::max(0, m.header_row - 2); --r) {
      for (int c = 0; c < grid.width() && found < 0; ++c) {
        std::string label =
            r < grid.rows() ? grid.label(r, c) : trim_text(cell_at(table, r, c).text);
        if (fold(label) == want) found = c;
      }
    }
    if (found < 0) {
      return Error::invalid(key, "no column is headed " + quote_text(text) + " in row " +
                                     std::to_string(m.header_row + 1));
    }
    *column_of(m, key) = found;
  }
  m.header_texts.clear();
  if (m.ref < 0) return Error::invalid("ref", "not mapped: which column holds the control ids?");
  if (m.applicable < 0) {
    return Error::invalid("applicable", "not mapped: which column says whether a control applies?");
  }
  int width = widest(table);
  for (std::string_view key : kColumnKeys) {
    int c = column_value(m, key);
    if (c >= width) {
      return Error::invalid(std::string(key), "column " + column_letter(c) +
                                                  " is past the last column of the table (" +
                                                  column_letter(width - 1) + ")");
    }
  }
  return m;
}

// ---- Rows ----

Result<std::vector<SoaImportRow>> read_soa_rows(
    const Table& table, const SoaColumnMapping& mapping,
    const std::function<bool(const std::string&)>& known) {
  ISMS_ASSIGN(SoaColumnMapping m, resolve_soa_mapping(table, mapping));
  std::vector<int> data_columns;
  for (std::string_view key : kColumnKeys) {
    if (key != "ref") data_columns.push_back(column_value(m, key));
  }
  DataCells cells(table, data_columns);
  const std::array<std::pair<int, InclusionReason>, 4> mark_columns = {{
      {m.reason_risk, InclusionReason::kRiskTreatment},
      {m.reason_legal, InclusionReason::kLegal},
      {m.reason_contractual, InclusionReason::kContractual},
      {m.reason_business, InclusionReason::kBusinessNeed},
  }};
  bool reasons_mapped = m.reasons >= 0;
  for (const auto& [c, r] : mark_columns) reasons_mapped = reasons_mapped || c >= 0;
  auto col = [](int c) { return "column " + column_letter(c) + ": "; };

  std::vector<SoaImportRow> out;
  std::map<std::string, int> first_row;  // ref id -> the row that gave it first
  for (int r = m.header_row + 1; r < static_cast<int>(table.rows.size()); ++r) {
    const auto& cells_of_row = table.rows[static_cast<size_t>(r)];
    bool blank = std::all_of(cells_of_row.begin(), cells_of_row.end(), [](const TableCell& c) {
      return c.kind == CellKind::kEmpty || trim_text(c.text).empty();
    });
    if (blank) continue;
    SoaImportRow row;
    row.row = r + 1;
    const TableCell& ref_cell = cell_at(table, r, m.ref);
    row.raw_ref = ref_cell.text;
    std::vector<std::string> errors;
    if (trim_text(ref_cell.text).empty()) {
      errors.push_back(col(m.ref) + "no control id");
    } else {
      RefOutcome ref = resolve_ref(ref_cell, known);
      row.warnings = std::move(ref.warnings);
      if (ref.error) {
        errors.push_back(col(m.ref) + *ref.error);
      } else {
        auto [it, inserted] = first_row.emplace(ref.ref_id, row.row);
        if (!inserted) {
          std::string from = fold(ref_cell.text) == fold(ref.ref_id)
                                 ? ""
                                 : " (read from " + quote_text(trim_text(ref_cell.text)) + ")";
          errors.push_back(ref.ref_id + from + " is already given in row " +
                           std::to_string(it->second));
        }
        row.ref_id = ref.ref_id;
      }
    }

    const TableCell& app = cells.at(r, m.applicable);
    if (!trim_text(app.text).empty()) {
      if (auto a = parse_applicability_word(app.text)) {
        row.fields.applicable = a;
      } else {
        errors.push_back(col(m.applicable) + quote_text(trim_text(app.text)) +
                         " is not an applicability (yes/no, y/n, x, true/false, 1/0, applicable/"
                         "not applicable, included/excluded, ja/nein)");
      }
    }

    if (reasons_mapped) {
      std::set<InclusionReason> reasons;
      if (m.reasons >= 0) {
        for (const std::string& w : split_reason_words(fold(cells.at(r, m.reasons).text))) {
          if (auto reason = reason_word(w)) {
            reasons.insert(*reason);
          } else if (!is_no_mark(w)) {
            row.warnings.push_back(col(m.reasons) + "reason " + quote_text(w) +
                                   " not recognized; ignored");
          }
        }
      }
      for (const auto& [c, reason] : mark_columns) {
        if (c >= 0 && !is_no_mark(fold(cells.at(r, c).text))) reasons.insert(reason);
      }
      row.fields.reasons = std::vector<InclusionReason>(reasons.begin(), reasons.end());
    }

    if (m.justification >= 0) {
      std::string j = clean_justification(cells.at(r, m.justification).text);
      if (code_points(j) > kSoaJustificationMax) {
        errors.push_back(col(m.justification) + "the justification is " +
                         std::to_string(code_points(j)) + " characters long; at most " +
                         std::to_string(kSoaJustificationMax));
      } else {
        row.fields.justification = std::move(j);
      }
    }

    if (m.implementation >= 0) {
      const TableCell& impl = cells.at(r, m.implementation);
      if (!trim_text(impl.text).empty()) {
        if (auto s = parse_implementation_word(impl)) {
          row.fields.implementation = s;
        } else {
          errors.push_back(col(m.implementation) + quote_text(trim_text(impl.text)) +
                           " is not an implementation status (implemented, partial, planned, "
                           "not started)");
        }
      }
    }

    if (!errors.empty()) {
      std::string joined;
      for (const std::string& e : errors) joined += (joined.empty() ? "" : "; ") + e;
      row.error = std::move(joined);
    }
    out.push_back(std::move(row));
  }
  return out;
}

Json soa_import_row_to_json(const SoaImportRow& r) {
  Json out = Json::object();
  out["row"] = r.row;
  out["raw_ref"] = r.raw_ref;
  out["ref_id"] = r.ref_id;
  out["warnings"] = r.warnings;
  out["error"] = r.error ? Json(*r.error) : Json(nullptr);
  const ApplicabilityFields& f = r.fields;
  if (f.applicable) out["applicable"] = applicable_name(*f.applicable);
  if (f.reasons) {
    Json reasons = Json::array();
    for (InclusionReason x : *f.reasons) reasons.push_back(inclusion_reason_name(x));
    out["reasons"] = std::move(reasons);
  }
  if (f.justification) out["justification"] = *f.justification;
  if (f.implementation) out["implementation"] = implementation_status_name(*f.implementation);
  return out;
}

}  // namespace isms
