// builtin_catalogue(): the CSV files of data/catalogue/ (embedded by
// cmake/embed_files.cmake) read into the two built-in frameworks and their mapping.
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <map>
#include <set>
#include <tuple>

#include "formats/builtin_catalogue_data.h"
#include "formats/catalogue_formats.h"
#include "formats/catalogue_internal.h"

namespace isms {

namespace {

using catalogue_internal::parse_csv;

// Columns of one CSV by header name, so a reordered file still reads right.
class Table {
 public:
  Table(std::string_view name, std::string_view text) : name_(name) {
    auto parsed = parse_csv(text);
    if (!parsed.ok()) fail(parsed.error().message);
    rows_ = std::move(parsed).value();
    if (rows_.empty()) fail("no header row");
    for (size_t i = 0; i < rows_[0].size(); ++i) columns_[rows_[0][i]] = i;
    for (size_t r = 1; r < rows_.size(); ++r)
      if (rows_[r].size() != rows_[0].size())
        fail("row " + std::to_string(r + 1) + " has " + std::to_string(rows_[r].size()) +
             " fields");
  }
  size_t size() const { return rows_.size() - 1; }
  const std::string& get(size_t row, const std::string& column) const {
    auto it = columns_.find(column);
    if (it == columns_.end()) fail("no column " + column);
    return rows_[row + 1][it->second];
  }

  // The data is compiled in and checked by the tests; a broken file is a build defect,
  // so stop loudly rather than serve a partial catalogue.
  [[noreturn]] void fail(const std::string& message) const {
    std::cerr << "builtin catalogue: " << name_ << ": " << message << "\n";
    std::abort();
  }

 private:
  std::string name_;
  std::vector<std::vector<std::string>> rows_;
  std::map<std::string, size_t> columns_;
};

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

Requirement requirement(std::string_view framework_id, std::string_view urn_part,
                        std::string ref_id, std::string parent, std::string title, std::string kind,
                        std::string notes) {
  Requirement r;
  r.framework_id = std::string(framework_id);
  // CISO Assistant's node URNs are the ref id in lower case.
  r.urn =
      std::string(catalogue_internal::kReqNodePrefix) + std::string(urn_part) + ":" + lower(ref_id);
  r.ref_id = std::move(ref_id);
  r.parent_ref_id = std::move(parent);
  r.title = std::move(title);
  r.kind = std::move(kind);
  r.notes = std::move(notes);
  return r;
}

// A heading that groups others is not assessed itself.
void set_assessable(std::vector<Requirement>* reqs, size_t from) {
  std::set<std::pair<std::string, std::string>> parents;
  for (size_t i = from; i < reqs->size(); ++i)
    parents.emplace((*reqs)[i].framework_id, (*reqs)[i].parent_ref_id);
  for (size_t i = from; i < reqs->size(); ++i) {
    Requirement& r = (*reqs)[i];
    r.assessable = !parents.count({r.framework_id, r.ref_id});
  }
}

void add_iso27001(CatalogueLibrary* lib) {
  Framework f;
  f.id = std::string(kIso27001Id);
  f.urn = std::string(catalogue_internal::kIso27001Urn);
  f.ref_id = "ISO/IEC 27001:2022";
  f.name = "ISO/IEC 27001:2022 Information security management systems — Requirements";
  f.description =
      "Requirements for establishing, implementing, maintaining and continually improving "
      "an information security management system (clauses 4 to 10), and the reference "
      "list of information security controls of Annex A.";
  f.version = "1";
  f.provider = "ISO/IEC";
  f.source = "builtin";
  f.copyright =
      "ISO/IEC 27001:2022 © ISO/IEC. Clause and control numbers with short titles only; the "
      "text of the standard is not included.";
  lib->frameworks.push_back(f);

  const std::string_view urn_part = "iso27001-2022";
  size_t first = lib->requirements.size();
  Table clauses("iso27001_2022_clauses.csv", builtin_data::iso27001_2022_clauses_csv);
  for (size_t i = 0; i < clauses.size(); ++i) {
    lib->requirements.push_back(requirement(f.id, urn_part, clauses.get(i, "id"),
                                            clauses.get(i, "parent_id"), clauses.get(i, "title"),
                                            "clause", clauses.get(i, "notes")));
  }
  // CISO Assistant names the Annex A node "annex-a"; the same URN keeps imports in place.
  Requirement annex =
      requirement(f.id, urn_part, "A", "", "Annex A — Information security controls", "group", "");
  annex.urn = std::string(catalogue_internal::kReqNodePrefix) + "iso27001-2022:annex-a";
  lib->requirements.push_back(annex);
  // Theme column value -> theme group, in Annex A's order.
  const std::map<std::string, std::string> theme_ref = {
      {"Organizational", "A.5"}, {"People", "A.6"}, {"Physical", "A.7"}, {"Technological", "A.8"}};
  const std::pair<const char*, const char*> themes[] = {{"A.5", "Organizational controls"},
                                                        {"A.6", "People controls"},
                                                        {"A.7", "Physical controls"},
                                                        {"A.8", "Technological controls"}};
  for (const auto& [ref, title] : themes)
    lib->requirements.push_back(requirement(f.id, urn_part, ref, "A", title, "group", ""));
  // Controls follow; assign_positions puts each under its theme in the file's order.
  Table controls("iso27001_2022_annexA.csv", builtin_data::iso27001_2022_annexA_csv);
  for (size_t i = 0; i < controls.size(); ++i) {
    auto theme = theme_ref.find(controls.get(i, "theme"));
    if (theme == theme_ref.end()) controls.fail("unknown theme " + controls.get(i, "theme"));
    const std::string& id = controls.get(i, "id");
    if (id.rfind(theme->second + ".", 0) != 0)
      controls.fail(id + " is not in theme " + theme->second);
    lib->requirements.push_back(requirement(f.id, urn_part, id, theme->second,
                                            controls.get(i, "title"), "control",
                                            controls.get(i, "notes")));
  }
  set_assessable(&lib->requirements, first);
}

// "a-k" -> "Points (a)–(k)."; "" -> "".
std::string points_description(const std::string& points) {
  if (points.empty()) return "";
  auto dash = points.find('-');
  if (dash == std::string::npos) return "Point (" + points + ").";
  return "Points (" + points.substr(0, dash) + ")–(" + points.substr(dash + 1) + ").";
}

void add_nis2(CatalogueLibrary* lib) {
  Framework f;
  f.id = std::string(kNis2AnnexId);
  f.urn = std::string(catalogue_internal::kNis2AnnexUrn);
  f.ref_id = "Commission Implementing Regulation (EU) 2024/2690 — Annex";
  f.name =
      "Technical and methodological requirements of cybersecurity risk-management measures "
      "(Annex to Commission Implementing Regulation (EU) 2024/2690)";
  f.description =
      "The Annex to Commission Implementing Regulation (EU) 2024/2690 of 17 October 2024: "
      "technical and methodological requirements of the measures referred to in Article "
      "21(2) of Directive (EU) 2022/2555 (NIS2), as sections, subsections and numbered "
      "paragraphs. Titles are short and in isms's own words; see the notes.";
  f.version = "1";
  f.provider = "European Commission";
  f.source = "builtin";
  f.copyright =
      "Mapping: © ENISA 2025, CC BY 4.0, normalised (derived from ENISA's Technical "
      "Implementation Guidance mapping table v1.0, June 2025). The regulation's text is not "
      "included.";
  lib->frameworks.push_back(f);

  size_t first = lib->requirements.size();
  Table annex("nis2_2024_2690_annex.csv", builtin_data::nis2_2024_2690_annex_csv);
  for (size_t i = 0; i < annex.size(); ++i) {
    const std::string& level = annex.get(i, "level");
    if (level != "section" && level != "subsection" && level != "paragraph")
      annex.fail("unknown level " + level);
    Requirement r = requirement(f.id, "annex-technical-and-methodological-requirements-nis2",
                                annex.get(i, "id"), annex.get(i, "parent_id"),
                                annex.get(i, "title"), level, annex.get(i, "notes"));
    r.description = points_description(annex.get(i, "points"));
    lib->requirements.push_back(std::move(r));
  }
  set_assessable(&lib->requirements, first);
}

void add_mapping(CatalogueLibrary* lib) {
  Table rows("nis2_to_iso27001.csv", builtin_data::nis2_to_iso27001_csv);
  for (size_t i = 0; i < rows.size(); ++i) {
    RequirementMapping m;
    m.source_framework_id = std::string(kNis2AnnexId);
    m.source_ref_id = rows.get(i, "nis2_id");
    const std::string& kind = rows.get(i, "iso_kind");
    if (kind == "clause" || kind == "annex_a") {
      m.target_framework_id = std::string(kIso27001Id);
    } else if (kind == "legacy_2013") {
      // Kept as published, against the edition it names (see the row's notes).
      m.target_framework_id = "iso27001-2013";
    } else {
      rows.fail("unknown iso_kind " + kind);
    }
    m.target_ref_id = rows.get(i, "iso_control_id");
    // The table says which ISO requirements relate to a paragraph, not how.
    m.relationship = "related";
    m.origin = rows.get(i, "source");
    m.notes = rows.get(i, "notes");
    lib->mappings.push_back(std::move(m));
  }
}

CatalogueLibrary build() {
  CatalogueLibrary lib;
  add_iso27001(&lib);
  add_nis2(&lib);
  add_mapping(&lib);
  catalogue_internal::assign_positions(&lib.requirements);
  // Listed in document order, as the store lists them.
  std::stable_sort(lib.requirements.begin(), lib.requirements.end(),
                   [](const Requirement& a, const Requirement& b) {
                     return std::tie(a.framework_id, a.position) <
                            std::tie(b.framework_id, b.position);
                   });
  auto problems = check_library(lib);
  if (!problems.empty()) {
    for (const auto& p : problems)
      std::cerr << "builtin catalogue: " << p.field << ": " << p.message << "\n";
    std::abort();
  }
  return lib;
}

}  // namespace

const CatalogueLibrary& builtin_catalogue() {
  static const CatalogueLibrary kLibrary = build();
  return kLibrary;
}

}  // namespace isms
