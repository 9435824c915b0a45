// Reports as PDF (cairo + pango, through pdf_layout): a title block, the classification
// label in every page's header, "Page n of N" and the generation time in the footer, and
// sections of paragraphs and tables (header row repeated on every page the table
// continues on; cells may have a background colour, as the risk matrices need). Used by
// the SoA, the risk register, and later the management review minutes. Pure apart from
// the libraries; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/error.h"

namespace isms {

struct ReportCell {
  std::string text;                       // plain text (escaped by the renderer)
  std::optional<std::string> background;  // "#RRGGBB"
  bool bold = false;
};

struct ReportTable {
  std::vector<std::string> header;
  std::vector<double> column_weights;  // relative widths; empty = equal
  std::vector<std::vector<ReportCell>> rows;
  bool header_column = false;  // first column styled like the header (matrices)
  std::vector<bool> centered;  // per column: text centred ("X" marks, counts); empty = left
};

struct ReportSection {
  std::string heading;
  std::vector<std::string> paragraphs;  // before the tables
  std::vector<ReportTable> tables;
};

struct Report {
  std::string title;
  std::string subtitle;  // "Version 3, approved by Jane Doe on 2026-11-20"
  std::string organization_name;
  std::string classification_label;  // "Confidential": printed in every page header
  std::string generated_at;          // RFC 3339, in the footer
  std::vector<std::pair<std::string, std::string>> facts;  // key/value block under the title
  std::vector<ReportSection> sections;
  bool landscape = false;  // wide tables (SoA, register)
};

Result<std::string> render_report_pdf(const Report& report);

}  // namespace isms
