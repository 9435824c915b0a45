// Format detection, dispatch, and the byte checks and value readers every importer shares
// (document_import_internal.h).
#include "formats/document_import.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "formats/document_import_internal.h"

namespace isms {

namespace import_detail {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string normalize_label(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : trim(s)) {
    if (c == '-' || c == '_' || c == '.' || std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  while (!out.empty() && (out.back() == ':' || out.back() == ' ')) out.pop_back();
  return out;
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    lines.push_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return lines;
}

std::vector<std::string_view> split_cells(std::string_view line) {
  std::vector<std::string_view> cells;
  size_t pos = 0;
  while (true) {
    size_t bar = line.find('|', pos);
    cells.push_back(trim(line.substr(pos, bar == std::string_view::npos ? bar : bar - pos)));
    if (bar == std::string_view::npos) break;
    pos = bar + 1;
  }
  return cells;
}

Error file_error(std::string message) { return Error::invalid("file", std::move(message)); }

namespace {

// Offset of the first byte that breaks UTF-8 (overlongs, surrogates and code points above
// U+10FFFF included), or npos.
size_t first_invalid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
    if (len == 0 || c > 0xF4 || c == 0xC0 || c == 0xC1 || i + len > s.size()) return i;
    uint32_t cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
    for (size_t k = 1; k < len; ++k) {
      auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return i;
    i += len;
  }
  return std::string_view::npos;
}

struct Magic {
  std::string_view bytes;
  std::string_view what;
};

constexpr std::array<Magic, 9> kMagic = {{
    {"%PDF-", "a PDF document"},
    {"PK\x03\x04", "a ZIP archive (.docx, .odt and .xlsx files are ZIP archives)"},
    {"\xD0\xCF\x11\xE0", "a legacy Microsoft Office document (.doc)"},
    {"{\\rtf", "an RTF document"},
    {"\x89PNG", "a PNG image"},
    {"\xFF\xD8\xFF", "a JPEG image"},
    {"GIF8", "a GIF image"},
    {"\xFF\xFE", "UTF-16 text"},
    {"\xFE\xFF", "UTF-16 text"},
}};

}  // namespace

Status check_import_bytes(std::string_view bytes) {
  if (bytes.size() > kMaxImportBytes) {
    std::string message = std::to_string(bytes.size()) +
                          " bytes is more than the import limit of " +
                          std::to_string(kMaxImportBytes) + " bytes (2 MiB)";
    Error e = Error::too_large("file: " + message);
    e.field = "file";
    e.details = {{"file", message}};
    return e;
  }
  if (trim(bytes).empty()) {
    return file_error(bytes.empty() ? "is empty" : "holds only blank characters");
  }
  for (const Magic& m : kMagic) {
    if (bytes.starts_with(m.bytes)) {
      return file_error("is " + std::string(m.what) +
                        ", which cannot be imported; save it as UTF-8 text, Markdown or HTML "
                        "first");
    }
  }
  for (size_t i = 0; i < bytes.size(); ++i) {
    auto c = static_cast<unsigned char>(bytes[i]);
    if (c == 0) {
      return file_error("contains a NUL byte at byte offset " + std::to_string(i) +
                        ": binary files cannot be imported");
    }
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') || c == 0x7F) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", c);
      return file_error("contains the control byte " + std::string(hex) + " at byte offset " +
                        std::to_string(i) + ": binary files cannot be imported");
    }
  }
  if (size_t bad = first_invalid_utf8(bytes); bad != std::string_view::npos) {
    return file_error("is not valid UTF-8 (byte offset " + std::to_string(bad) +
                      "); save it with UTF-8 encoding");
  }
  return ok_status();
}

std::string normalize_text(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  std::string out;
  out.reserve(bytes.size());
  for (size_t i = 0; i < bytes.size(); ++i) {
    char c = bytes[i];
    if (c == '\r') {
      if (i + 1 < bytes.size() && bytes[i + 1] == '\n') ++i;
      out.push_back('\n');
    } else if (c == '\f' || c == '\v') {
      out.push_back('\n');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string escape_line_start(std::string_view line) {
  std::string s(line);
  if (s.empty()) return s;
  char c = s[0];
  auto followed_by_blank = [&](size_t i) { return i >= s.size() || s[i] == ' ' || s[i] == '\t'; };
  if (c == '#') {
    size_t n = s.find_first_not_of('#');
    if (n == std::string::npos) n = s.size();
    if (n <= 6 && followed_by_blank(n)) return "\\" + s;
  }
  if (c == '>' || s.starts_with("```") || s.starts_with("~~~")) return "\\" + s;
  if ((c == '-' || c == '+' || c == '*') && followed_by_blank(1)) return "\\" + s;
  // Setext underlines and thematic breaks: a line of only '=', '-', '*' or '_' (spaces
  // between allowed).
  if (c == '=' || c == '-' || c == '*' || c == '_') {
    if (s.find_first_not_of(std::string(1, c) + " \t") == std::string::npos) return "\\" + s;
  }
  size_t d = 0;
  while (d < s.size() && d < 10 && std::isdigit(static_cast<unsigned char>(s[d]))) ++d;
  if (d > 0 && d < 10 && d < s.size() && (s[d] == '.' || s[d] == ')') && followed_by_blank(d + 1)) {
    return s.substr(0, d) + "\\" + s.substr(d);
  }
  return s;
}

}  // namespace import_detail

std::string_view import_format_name(ImportFormat f) {
  switch (f) {
    case ImportFormat::kPlainText:
      return "text";
    case ImportFormat::kMarkdown:
      return "markdown";
    case ImportFormat::kHtml:
      return "html";
  }
  return "text";
}

Result<ImportFormat> detect_import_format(std::string_view file_name, std::string_view bytes) {
  using import_detail::lower_ascii;
  std::string name = lower_ascii(file_name);
  size_t slash = name.find_last_of("/\\");
  if (slash != std::string::npos) name.erase(0, slash + 1);
  size_t dot = name.rfind('.');
  if (dot != std::string::npos && dot > 0) {
    std::string ext = name.substr(dot + 1);
    if (ext == "txt" || ext == "text") return ImportFormat::kPlainText;
    if (ext == "md" || ext == "markdown") return ImportFormat::kMarkdown;
    if (ext == "html" || ext == "htm" || ext == "xhtml") return ImportFormat::kHtml;
    std::string hint = ext == "pdf" || ext == "docx" || ext == "doc" || ext == "odt" ||
                               ext == "rtf" || ext == "pages"
                           ? "; convert to text or HTML first"
                           : "; import .txt, .md or .html files";
    return import_detail::file_error("." + ext + " files cannot be imported" + hint);
  }
  // No extension: look at the start of the content.
  std::string_view head = bytes.substr(0, 512);
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  if (head.starts_with("---\n") || head.starts_with("---\r\n")) return ImportFormat::kMarkdown;
  std::string start = lower_ascii(import_detail::trim(head));
  if (start.starts_with("<!doctype html") || start.starts_with("<html")) return ImportFormat::kHtml;
  return ImportFormat::kPlainText;
}

Result<ImportedDocument> import_document(ImportFormat format, std::string_view bytes) {
  switch (format) {
    case ImportFormat::kPlainText:
      return import_plain_text(bytes);
    case ImportFormat::kMarkdown:
      return import_markdown(bytes);
    case ImportFormat::kHtml:
      return import_html(bytes);
  }
  return Error::internal("unknown import format");
}

}  // namespace isms
