#include "cli/output.h"

#include <algorithm>
#include <iostream>

namespace isms::cli {

namespace {

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

void pad(std::ostream& out, size_t n) {
  for (size_t i = 0; i < n; ++i) out << ' ';
}

}  // namespace

void print_json(const Json& value) {
  std::cout << value.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

std::string sanitize_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    out.push_back(u < 0x20 || u == 0x7F ? ' ' : c);
  }
  return out;
}

std::string error_line(const Error& error) {
  std::string message =
      error.message.empty() ? std::string(error_code_name(error.code)) : error.message;
  if (!error.field.empty() && message.rfind(error.field + ":", 0) != 0) {
    message = error.field + ": " + message;
  }
  return sanitize_line(message);
}

int report_error(const Error& error) {
  std::cout.flush();
  std::cerr << "isms: error: " << error_line(error) << std::endl;
  return kExitError;
}

size_t display_width(std::string_view text) {
  return static_cast<size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return !is_continuation_byte(c); }));
}

std::string truncate_to_width(std::string_view text, size_t width) {
  if (width == 0 || display_width(text) <= width) return std::string(text);
  // Keep width-1 code points and add the ellipsis.
  size_t kept = 0;
  size_t i = 0;
  while (i < text.size()) {
    if (!is_continuation_byte(text[i])) {
      if (kept == width - 1) break;
      ++kept;
    }
    ++i;
  }
  return std::string(text.substr(0, i)) + "\u2026";
}

void Table::add_column(std::string header, size_t max_width) {
  columns_.push_back({std::move(header), max_width});
}

void Table::add_row(std::vector<std::string> cells) {
  cells.resize(columns_.size());
  for (size_t i = 0; i < cells.size(); ++i) {
    cells[i] = truncate_to_width(sanitize_line(cells[i]), columns_[i].max_width);
  }
  rows_.push_back(std::move(cells));
}

void Table::print(std::ostream& out) const {
  std::vector<size_t> widths;
  for (const Column& column : columns_) widths.push_back(display_width(column.header));
  for (const auto& row : rows_) {
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], display_width(row[i]));
  }
  auto print_row = [&](const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) {
      out << cells[i];
      if (i + 1 < cells.size()) pad(out, widths[i] - display_width(cells[i]) + 2);
    }
    out << '\n';
  };
  std::vector<std::string> headers;
  for (const Column& column : columns_) headers.push_back(column.header);
  print_row(headers);
  for (const auto& row : rows_) print_row(row);
}

void Details::add(std::string label, std::string value) {
  lines_.emplace_back(std::move(label), sanitize_line(value));
}

void Details::print(std::ostream& out) const {
  size_t width = 0;
  for (const auto& [label, value] : lines_) width = std::max(width, display_width(label));
  for (const auto& [label, value] : lines_) {
    out << label;
    pad(out, width - display_width(label) + 2);
    out << value << '\n';
  }
}

}  // namespace isms::cli
