// read_xlsx_table (formats/table_reader.h): the parts of an Office Open XML workbook that a
// table needs, read with libzip and libxml2.
//
// Parts: _rels/.rels names the workbook; the workbook's relationships name the sheets,
// the shared strings and the styles (the usual xl/... paths when a relationship is
// missing). Small parts (relationships, workbook, styles) are parsed into a tree; the
// shared strings and the worksheet, which grow with the data, are streamed with
// xmlTextReader. Elements are matched by local name, so the Strict namespaces read as the
// Transitional ones.
//
// Hostile input: every part's uncompressed size is checked with zip_stat before reading
// and the read itself stops at the limit (the size in a ZIP header is not trusted); XML is
// parsed with XML_PARSE_NONET and without entity substitution or DTD loading, and a part
// with a document type declaration is refused outright, so no entity is ever expanded.
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <zip.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <map>
#include <memory>

#include "formats/table_reader.h"
#include "formats/table_reader_internal.h"

namespace isms {

namespace {

using table_detail::file_error;
using table_detail::file_too_large;
using table_detail::kXlsxPartMax;

constexpr size_t kSharedStringsMax = 1000000;
constexpr size_t kMergedMax = 100000;
constexpr int kXmlOptions = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;

std::string quote_text(std::string_view s) { return "\"" + std::string(s) + "\""; }

// ---- ZIP ----

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipCloser>;

// The part's bytes, nullopt when the archive has no such part. Names are matched without
// case (OPC part names are case-insensitive).
Result<std::optional<std::string>> read_part(zip_t* zip, const std::string& name) {
  zip_int64_t index = zip_name_locate(zip, name.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return std::optional<std::string>();
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(zip, static_cast<zip_uint64_t>(index), 0, &st) != 0) {
    return file_error("part " + quote_text(name) + " cannot be read: " + zip_strerror(zip));
  }
  std::string too_big = "part " + quote_text(name) + " is larger than 64 MiB uncompressed";
  if ((st.valid & ZIP_STAT_SIZE) && st.size > kXlsxPartMax) return file_too_large(too_big);
  zip_file_t* f = zip_fopen_index(zip, static_cast<zip_uint64_t>(index), 0);
  if (!f) return file_error("part " + quote_text(name) + " cannot be read: " + zip_strerror(zip));
  std::string out;
  if (st.valid & ZIP_STAT_SIZE) out.reserve(std::min<zip_uint64_t>(st.size, 1 << 20));
  char buf[65536];
  while (true) {
    zip_int64_t n = zip_fread(f, buf, sizeof buf);
    if (n < 0) {
      std::string why = zip_error_strerror(zip_file_get_error(f));
      zip_fclose(f);
      return file_error("part " + quote_text(name) + " is damaged: " + why);
    }
    if (n == 0) break;
    if (out.size() + static_cast<size_t>(n) > kXlsxPartMax) {
      zip_fclose(f);
      return file_too_large(too_big);
    }
    out.append(buf, static_cast<size_t>(n));
  }
  zip_fclose(f);
  return std::optional<std::string>(std::move(out));
}

// ---- XML ----

// A document type declaration is how entities (billion laughs, external files) get in;
// SpreadsheetML never needs one.
Status check_xml_bytes(const std::string& part, std::string_view xml) {
  if (xml.find("<!DOCTYPE") != std::string_view::npos ||
      xml.find("<!ENTITY") != std::string_view::npos) {
    return file_error("part " + quote_text(part) + " has a DTD or entity declaration; refused");
  }
  return ok_status();
}

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocFree>;

Result<DocPtr> parse_xml(const std::string& part, std::string_view xml) {
  ISMS_TRY(check_xml_bytes(part, xml));
  if (xml.size() > static_cast<size_t>(INT32_MAX))
    return file_too_large("part " + quote_text(part));
  DocPtr doc(
      xmlReadMemory(xml.data(), static_cast<int>(xml.size()), part.c_str(), nullptr, kXmlOptions));
  if (!doc || !xmlDocGetRootElement(doc.get())) {
    return file_error("part " + quote_text(part) + " is not well-formed XML");
  }
  if (doc->intSubset || doc->extSubset) {
    return file_error("part " + quote_text(part) + " has a DTD; refused");
  }
  return doc;
}

bool is(const xmlNode* n, const char* local) {
  return n && n->type == XML_ELEMENT_NODE &&
         std::strcmp(reinterpret_cast<const char*>(n->name), local) == 0;
}

// Attribute by local name; `in_namespace` selects a prefixed one (r:id) over a plain one.
std::string attr(const xmlNode* n, const char* local, bool in_namespace = false) {
  for (const xmlAttr* a = n->properties; a; a = a->next) {
    if (std::strcmp(reinterpret_cast<const char*>(a->name), local) != 0) continue;
    if ((a->ns != nullptr) != in_namespace) continue;
    xmlChar* v = xmlNodeListGetString(n->doc, a->children, 1);
    std::string out = v ? reinterpret_cast<const char*>(v) : "";
    xmlFree(v);
    return out;
  }
  return "";
}

template <typename F>
void each_descendant(const xmlNode* n, const char* local, const F& f) {
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (is(c, local)) {
      f(c);
    } else {
      each_descendant(c, local, f);
    }
  }
}

// OOXML escapes characters XML cannot carry as _xHHHH_ ("_x000D_" is CR, "_x005F_" an
// underscore).
std::string decode_ooxml_escapes(std::string_view s) {
  if (s.find("_x") == std::string_view::npos) return std::string(s);
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    unsigned cp = 0;
    if (s[i] == '_' && i + 7 <= s.size() && s[i + 1] == 'x' && s[i + 6] == '_' &&
        std::from_chars(s.data() + i + 2, s.data() + i + 6, cp, 16).ptr == s.data() + i + 6 &&
        !(cp >= 0xD800 && cp <= 0xDFFF) && cp != 0) {
      if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
      } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
      } else {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
      }
      i += 7;
      continue;
    }
    out.push_back(s[i++]);
  }
  return out;
}

// ---- Paths and relationships ----

// Resolves a relationship target against the directory of the part that names it.
std::string resolve_target(const std::string& base_dir, std::string target) {
  std::replace(target.begin(), target.end(), '\\', '/');
  std::string joined = target.starts_with("/") ? target.substr(1) : base_dir + target;
  std::vector<std::string> parts;
  size_t pos = 0;
  while (pos <= joined.size()) {
    size_t slash = joined.find('/', pos);
    if (slash == std::string::npos) slash = joined.size();
    std::string seg = joined.substr(pos, slash - pos);
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(seg);
    }
    pos = slash + 1;
  }
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

std::string dir_of(const std::string& part) {
  size_t slash = part.rfind('/');
  return slash == std::string::npos ? "" : part.substr(0, slash + 1);
}

struct Relationship {
  std::string type;  // the last segment of the type URI: "worksheet", "sharedStrings", ...
  std::string target;
};

Result<std::map<std::string, Relationship>> read_rels(zip_t* zip, const std::string& part) {
  std::map<std::string, Relationship> rels;
  std::string rels_part = dir_of(part) + "_rels/" + part.substr(dir_of(part).size()) + ".rels";
  ISMS_ASSIGN(auto bytes, read_part(zip, rels_part));
  if (!bytes) return rels;
  ISMS_ASSIGN(DocPtr doc, parse_xml(rels_part, *bytes));
  each_descendant(xmlDocGetRootElement(doc.get()), "Relationship", [&](const xmlNode* r) {
    if (attr(r, "TargetMode") == "External") return;
    std::string type = attr(r, "Type");
    size_t slash = type.rfind('/');
    if (slash != std::string::npos) type = type.substr(slash + 1);
    rels[attr(r, "Id")] = {type, resolve_target(dir_of(part), attr(r, "Target"))};
  });
  return rels;
}

// ---- Workbook and styles ----

struct SheetEntry {
  std::string name;
  std::string part;
  bool hidden = false;
};

struct Workbook {
  std::vector<SheetEntry> sheets;
  bool date1904 = false;
  std::string shared_strings_part = "xl/sharedStrings.xml";
  std::string styles_part = "xl/styles.xml";
};

Result<Workbook> read_workbook(zip_t* zip) {
  std::string workbook_part = "xl/workbook.xml";
  ISMS_ASSIGN(auto root_rels, read_rels(zip, ""));
  for (const auto& [id, rel] : root_rels) {
    if (rel.type == "officeDocument") workbook_part = rel.target;
  }
  ISMS_ASSIGN(auto bytes, read_part(zip, workbook_part));
  if (!bytes) {
    ISMS_ASSIGN(auto mimetype, read_part(zip, "mimetype"));
    if (mimetype && mimetype->find("opendocument.spreadsheet") != std::string::npos) {
      return file_error("is an OpenDocument spreadsheet (.ods); save it as .xlsx or CSV UTF-8");
    }
    ISMS_ASSIGN(auto word, read_part(zip, "word/document.xml"));
    if (word) return file_error("is a Word document, not a spreadsheet");
    return file_error("is a ZIP archive but not an Excel workbook (" + workbook_part +
                      " is missing)");
  }
  ISMS_ASSIGN(auto rels, read_rels(zip, workbook_part));
  ISMS_ASSIGN(DocPtr doc, parse_xml(workbook_part, *bytes));
  Workbook wb;
  for (const auto& [id, rel] : rels) {
    if (rel.type == "sharedStrings") wb.shared_strings_part = rel.target;
    if (rel.type == "styles") wb.styles_part = rel.target;
  }
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  each_descendant(root, "workbookPr", [&](const xmlNode* n) {
    std::string v = attr(n, "date1904");
    wb.date1904 = v == "1" || v == "true";
  });
  each_descendant(root, "sheet", [&](const xmlNode* n) {
    SheetEntry s;
    s.name = attr(n, "name");
    std::string state = attr(n, "state");
    s.hidden = state == "hidden" || state == "veryHidden";
    auto rel = rels.find(attr(n, "id", true));
    s.part = rel != rels.end() ? rel->second.target
                               : dir_of(workbook_part) + "worksheets/sheet" +
                                     std::to_string(wb.sheets.size() + 1) + ".xml";
    wb.sheets.push_back(std::move(s));
  });
  if (wb.sheets.empty()) return file_error("the workbook has no sheets");
  return wb;
}

bool is_builtin_date_format(int id) {
  // 14-22 and 45-47 everywhere; 27-36 and 50-58 are the East Asian locales' date formats.
  return (id >= 14 && id <= 22) || (id >= 45 && id <= 47) || (id >= 27 && id <= 36) ||
         (id >= 50 && id <= 58);
}

// A custom format is a date format when d, m or y appears outside quoted text, [...]
// (colours, locales, elapsed time), escaped characters (\x) and padding/fill (_x, *x).
bool is_date_format_code(std::string_view code) {
  bool in_quote = false, in_bracket = false;
  for (size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (in_quote) {
      if (c == '"') in_quote = false;
    } else if (in_bracket) {
      if (c == ']') in_bracket = false;
    } else if (c == '"') {
      in_quote = true;
    } else if (c == '[') {
      in_bracket = true;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else if (c == ';') {
      break;  // the first section (positive numbers) decides
    } else {
      char l = static_cast<char>(c | 0x20);
      if (l == 'd' || l == 'm' || l == 'y') return true;
    }
  }
  return false;
}

// Which cell style indexes (the s attribute) show dates.
Result<std::vector<bool>> read_date_styles(zip_t* zip, const std::string& part) {
  std::vector<bool> date_styles;
  ISMS_ASSIGN(auto bytes, read_part(zip, part));
  if (!bytes) return date_styles;
  ISMS_ASSIGN(DocPtr doc, parse_xml(part, *bytes));
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  std::map<int, bool> custom;
  each_descendant(root, "numFmt", [&](const xmlNode* n) {
    int id = 0;
    std::string v = attr(n, "numFmtId");
    std::from_chars(v.data(), v.data() + v.size(), id);
    custom[id] = is_date_format_code(attr(n, "formatCode"));
  });
  each_descendant(root, "cellXfs", [&](const xmlNode* xfs) {
    for (const xmlNode* xf = xfs->children; xf; xf = xf->next) {
      if (!is(xf, "xf")) continue;
      int id = 0;
      std::string v = attr(xf, "numFmtId");
      std::from_chars(v.data(), v.data() + v.size(), id);
      auto it = custom.find(id);
      date_styles.push_back(it != custom.end() ? it->second : is_builtin_date_format(id));
    }
  });
  return date_styles;
}

// ---- Streamed parts ----

struct ReaderFree {
  void operator()(xmlTextReader* r) const { xmlFreeTextReader(r); }
};
using ReaderPtr = std::unique_ptr<xmlTextReader, ReaderFree>;

void ignore_reader_error(void*, const char*, xmlParserSeverities, xmlTextReaderLocatorPtr) {}

Result<ReaderPtr> open_reader(const std::string& part, std::string_view xml) {
  ISMS_TRY(check_xml_bytes(part, xml));
  if (xml.size() > static_cast<size_t>(INT32_MAX))
    return file_too_large("part " + quote_text(part));
  ReaderPtr r(xmlReaderForMemory(xml.data(), static_cast<int>(xml.size()), part.c_str(), nullptr,
                                 kXmlOptions));
  if (!r) return file_error("part " + quote_text(part) + " is not well-formed XML");
  xmlTextReaderSetErrorHandler(r.get(), ignore_reader_error, nullptr);
  return r;
}

std::string local_name(xmlTextReader* r) {
  const xmlChar* n = xmlTextReaderConstLocalName(r);
  return n ? reinterpret_cast<const char*>(n) : "";
}

std::string reader_attr(xmlTextReader* r, const char* name) {
  xmlChar* v = xmlTextReaderGetAttribute(r, reinterpret_cast<const xmlChar*>(name));
  std::string out = v ? reinterpret_cast<const char*>(v) : "";
  xmlFree(v);
  return out;
}

// Steps the reader; Error when the XML breaks or declares a DTD.
Result<bool> next_node(xmlTextReader* r, const std::string& part) {
  int rc = xmlTextReaderRead(r);
  if (rc < 0) return file_error("part " + quote_text(part) + " is not well-formed XML");
  if (rc == 0) return false;
  if (xmlTextReaderNodeType(r) == XML_READER_TYPE_DOCUMENT_TYPE) {
    return file_error("part " + quote_text(part) + " has a DTD; refused");
  }
  return true;
}

bool is_text_node(int type) {
  return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
         type == XML_READER_TYPE_WHITESPACE || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

// The text of every <si>: its <t>, or its rich-text runs' <t>s, without phonetic runs.
Result<std::vector<std::string>> read_shared_strings(zip_t* zip, const std::string& part) {
  std::vector<std::string> strings;
  ISMS_ASSIGN(auto bytes, read_part(zip, part));
  if (!bytes) return strings;
  ISMS_ASSIGN(ReaderPtr reader, open_reader(part, *bytes));
  xmlTextReader* r = reader.get();
  bool in_si = false, in_t = false;
  int rph_depth = -1;
  std::string text;
  while (true) {
    ISMS_ASSIGN(bool more, next_node(r, part));
    if (!more) break;
    int type = xmlTextReaderNodeType(r);
    if (type == XML_READER_TYPE_ELEMENT) {
      std::string name = local_name(r);
      bool empty = xmlTextReaderIsEmptyElement(r) == 1;
      if (name == "si") {
        if (strings.size() >= kSharedStringsMax) {
          return file_too_large("has more than " + std::to_string(kSharedStringsMax) +
                                " shared strings");
        }
        if (empty) {
          strings.emplace_back();
        } else {
          in_si = true;
          text.clear();
        }
      } else if (name == "rPh" && !empty && rph_depth < 0) {
        rph_depth = xmlTextReaderDepth(r);
      } else if (name == "t" && in_si && rph_depth < 0 && !empty) {
        in_t = true;
      }
    } else if (type == XML_READER_TYPE_END_ELEMENT) {
      std::string name = local_name(r);
      if (name == "si" && in_si) {
        strings.push_back(decode_ooxml_escapes(text));
        in_si = false;
      } else if (name == "rPh" && xmlTextReaderDepth(r) == rph_depth) {
        rph_depth = -1;
      } else if (name == "t") {
        in_t = false;
      }
    } else if (in_t && is_text_node(type)) {
      const xmlChar* v = xmlTextReaderConstValue(r);
      if (v) text += reinterpret_cast<const char*>(v);
    }
  }
  return strings;
}

// "B12" -> column 1, row 11.
bool parse_cell_ref(std::string_view ref, int* row, int* column) {
  size_t letters = 0;
  while (letters < ref.size() && std::isalpha(static_cast<unsigned char>(ref[letters]))) {
    ++letters;
  }
  auto c = column_index(ref.substr(0, letters));
  std::string_view digits = ref.substr(letters);
  if (!c || digits.empty() || digits.size() > 7) return false;
  int r = 0;
  auto res = std::from_chars(digits.data(), digits.data() + digits.size(), r);
  if (res.ec != std::errc() || res.ptr != digits.data() + digits.size() || r < 1) return false;
  *row = r - 1;
  *column = *c;
  return true;
}

struct SheetContext {
  const std::string& sheet;
  const std::vector<std::string>& strings;
  const std::vector<bool>& date_styles;
  bool date1904 = false;
};

struct RawCell {
  int row = 0, column = 0;
  std::string type;  // the t attribute
  int style = 0;
  bool has_value = false, has_inline = false;
  std::string value;        // <v>
  std::string inline_text;  // <is>
};

std::string cell_name(const RawCell& c) {
  return column_letter(c.column) + std::to_string(c.row + 1);
}

Result<TableCell> convert_cell(const SheetContext& ctx, const RawCell& raw) {
  TableCell cell;
  const std::string& t = raw.type;
  auto where = [&] { return "sheet " + quote_text(ctx.sheet) + " cell " + cell_name(raw) + ": "; };
  if (t == "s") {
    if (!raw.has_value) return cell;
    size_t index = 0;
    auto res = std::from_chars(raw.value.data(), raw.value.data() + raw.value.size(), index);
    if (res.ec != std::errc() || res.ptr != raw.value.data() + raw.value.size() ||
        index >= ctx.strings.size()) {
      return file_error(where() + "shared string " + quote_text(raw.value) +
                        " does not exist (the workbook has " + std::to_string(ctx.strings.size()) +
                        ")");
    }
    cell.text = ctx.strings[index];
  } else if (t == "inlineStr" || (raw.has_inline && !raw.has_value)) {
    cell.text = decode_ooxml_escapes(raw.inline_text);
  } else if (t == "str" || t == "e") {
    cell.text = decode_ooxml_escapes(raw.value);
  } else if (t == "b") {
    if (!raw.has_value) return cell;
    cell.kind = CellKind::kBool;
    bool yes = raw.value == "1" || raw.value == "true";
    cell.number = yes ? 1 : 0;
    cell.text = yes ? "TRUE" : "FALSE";
    return cell;
  } else if (t == "d") {
    if (!raw.has_value) return cell;
    auto serial = table_detail::date_to_serial(raw.value, ctx.date1904);
    if (!serial) {
      cell.text = raw.value;  // not a date after all: keep what it says
    } else {
      cell.kind = CellKind::kDate;
      cell.number = *serial;
      cell.text = raw.value.substr(0, 10);
      return cell;
    }
  } else {
    if (!raw.has_value) return cell;
    double v = 0;
    const char* end = raw.value.data() + raw.value.size();
    auto res = std::from_chars(raw.value.data(), end, v);
    if (res.ec != std::errc() || res.ptr != end || !std::isfinite(v)) {
      cell.text = raw.value;  // a number cell that is not a number: keep the text
    } else {
      bool date_style = raw.style >= 0 && static_cast<size_t>(raw.style) < ctx.date_styles.size() &&
                        ctx.date_styles[static_cast<size_t>(raw.style)];
      auto date = date_style ? table_detail::serial_to_date(v, ctx.date1904) : std::nullopt;
      cell.kind = date ? CellKind::kDate : CellKind::kNumber;
      cell.number = v;
      cell.text = date ? *date : table_detail::format_number(v);
      return cell;
    }
  }
  if (!cell.text.empty()) cell.kind = CellKind::kText;
  return cell;
}

struct SheetBuilder {
  Table* table;
  size_t cells = 0;
};

Status place(const SheetContext& ctx, SheetBuilder* b, const RawCell& raw) {
  ISMS_ASSIGN(TableCell cell, convert_cell(ctx, raw));
  if (cell.kind == CellKind::kEmpty) return ok_status();
  if (static_cast<size_t>(raw.row) >= kTableRowsMax) {
    return file_too_large("sheet " + quote_text(ctx.sheet) + " has data in row " +
                          std::to_string(raw.row + 1) + " (cell " + cell_name(raw) +
                          "); the limit is " + std::to_string(kTableRowsMax) + " rows");
  }
  if (static_cast<size_t>(raw.column) >= kTableColumnsMax) {
    return file_too_large("sheet " + quote_text(ctx.sheet) + " has data in column " +
                          column_letter(raw.column) + " (cell " + cell_name(raw) +
                          "); the limit is " + std::to_string(kTableColumnsMax) + " columns");
  }
  if (++b->cells > table_detail::kTableCellsMax) {
    return file_too_large("sheet " + quote_text(ctx.sheet) + " has more than " +
                          std::to_string(table_detail::kTableCellsMax) + " cells");
  }
  auto& rows = b->table->rows;
  if (rows.size() <= static_cast<size_t>(raw.row)) rows.resize(static_cast<size_t>(raw.row) + 1);
  auto& row = rows[static_cast<size_t>(raw.row)];
  if (row.size() <= static_cast<size_t>(raw.column))
    row.resize(static_cast<size_t>(raw.column) + 1);
  row[static_cast<size_t>(raw.column)] = std::move(cell);
  return ok_status();
}

Status read_merge(const SheetContext& ctx, Table* table, const std::string& ref) {
  if (table->merged.size() >= kMergedMax) {
    return file_too_large("sheet " + quote_text(ctx.sheet) + " has more than " +
                          std::to_string(kMergedMax) + " merged ranges");
  }
  size_t colon = ref.find(':');
  std::string first = ref.substr(0, colon);
  std::string last = colon == std::string::npos ? first : ref.substr(colon + 1);
  MergedRange m;
  if (!parse_cell_ref(first, &m.first_row, &m.first_column) ||
      !parse_cell_ref(last, &m.last_row, &m.last_column)) {
    return file_error("sheet " + quote_text(ctx.sheet) + ": merged range " + quote_text(ref) +
                      " is not a cell range");
  }
  if (m.first_row > m.last_row) std::swap(m.first_row, m.last_row);
  if (m.first_column > m.last_column) std::swap(m.first_column, m.last_column);
  table->merged.push_back(m);
  return ok_status();
}

Status read_sheet(const SheetContext& ctx, const std::string& part, std::string_view xml,
                  Table* table) {
  ISMS_ASSIGN(ReaderPtr reader, open_reader(part, xml));
  xmlTextReader* r = reader.get();
  SheetBuilder b{table};
  int row = -1, column = -1;
  bool in_cell = false, in_v = false, in_is = false, in_t = false;
  int rph_depth = -1;
  RawCell cell;
  auto bad_ref = [&](const std::string& ref) {
    return file_error("sheet " + quote_text(ctx.sheet) + ": " + quote_text(ref) +
                      " is not a cell reference");
  };
  while (true) {
    ISMS_ASSIGN(bool more, next_node(r, part));
    if (!more) break;
    int type = xmlTextReaderNodeType(r);
    if (type == XML_READER_TYPE_ELEMENT) {
      std::string name = local_name(r);
      bool empty = xmlTextReaderIsEmptyElement(r) == 1;
      if (name == "row") {
        std::string ref = reader_attr(r, "r");
        int n = 0;
        auto res = std::from_chars(ref.data(), ref.data() + ref.size(), n);
        if (ref.empty()) {
          ++row;
        } else if (res.ec != std::errc() || res.ptr != ref.data() + ref.size() || n < 1) {
          return file_error("sheet " + quote_text(ctx.sheet) + ": row number " + quote_text(ref) +
                            " is not valid");
        } else {
          row = n - 1;
        }
        column = -1;
      } else if (name == "c") {
        cell = RawCell{};
        std::string ref = reader_attr(r, "r");
        if (ref.empty()) {
          cell.row = std::max(row, 0);
          cell.column = column + 1;
        } else if (!parse_cell_ref(ref, &cell.row, &cell.column)) {
          return bad_ref(ref);
        }
        column = cell.column;
        if (row < 0) row = cell.row;
        cell.type = reader_attr(r, "t");
        std::string s = reader_attr(r, "s");
        std::from_chars(s.data(), s.data() + s.size(), cell.style);
        in_cell = !empty;
      } else if (in_cell && name == "v") {
        cell.has_value = true;
        in_v = !empty;
      } else if (in_cell && name == "is") {
        cell.has_inline = true;
        in_is = !empty;
      } else if (in_is && name == "rPh" && !empty && rph_depth < 0) {
        rph_depth = xmlTextReaderDepth(r);
      } else if (in_is && rph_depth < 0 && name == "t") {
        in_t = !empty;
      } else if (name == "mergeCell") {
        ISMS_TRY(read_merge(ctx, table, reader_attr(r, "ref")));
      }
    } else if (type == XML_READER_TYPE_END_ELEMENT) {
      std::string name = local_name(r);
      if (name == "c" && in_cell) {
        in_cell = in_v = in_is = in_t = false;
        rph_depth = -1;
        ISMS_TRY(place(ctx, &b, cell));
      } else if (name == "v") {
        in_v = false;
      } else if (name == "is") {
        in_is = false;
      } else if (name == "rPh" && xmlTextReaderDepth(r) == rph_depth) {
        rph_depth = -1;
      } else if (name == "t") {
        in_t = false;
      }
    } else if (is_text_node(type) && (in_v || in_t)) {
      const xmlChar* v = xmlTextReaderConstValue(r);
      if (v) (in_v ? cell.value : cell.inline_text) += reinterpret_cast<const char*>(v);
    }
  }
  return ok_status();
}

std::string sheet_list(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + quote_text(n);
  return out;
}

}  // namespace

Result<Table> read_xlsx_table(std::string_view bytes, std::string_view sheet) {
  if (bytes.size() > kTableFileMax) {
    return file_too_large("is " + std::to_string(bytes.size()) + " bytes; the limit is 20 MiB");
  }
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (!source) {
    zip_error_fini(&error);
    return Error::internal("zip_source_buffer_create failed");
  }
  ZipPtr zip(zip_open_from_source(source, ZIP_RDONLY, &error));
  if (!zip) {
    std::string why = zip_error_strerror(&error);
    zip_source_free(source);
    zip_error_fini(&error);
    return file_error("is not a readable XLSX workbook (damaged ZIP archive: " + why + ")");
  }
  zip_error_fini(&error);

  ISMS_ASSIGN(Workbook wb, read_workbook(zip.get()));
  Table table;
  for (const SheetEntry& s : wb.sheets) table.sheet_names.push_back(s.name);
  const SheetEntry* chosen = nullptr;
  if (sheet.empty()) {
    for (const SheetEntry& s : wb.sheets) {
      if (!s.hidden) {
        chosen = &s;
        break;
      }
    }
    if (!chosen) chosen = &wb.sheets.front();
  } else {
    for (const SheetEntry& s : wb.sheets) {
      if (s.name == sheet) chosen = &s;
    }
    if (!chosen) {
      return Error::invalid("sheet", "the workbook has no sheet " + quote_text(sheet) +
                                         "; its sheets are " + sheet_list(table.sheet_names));
    }
  }
  table.sheet_name = chosen->name;

  ISMS_ASSIGN(auto sheet_bytes, read_part(zip.get(), chosen->part));
  if (!sheet_bytes) {
    return file_error("sheet " + quote_text(chosen->name) + " is missing from the workbook (" +
                      chosen->part + ")");
  }
  ISMS_ASSIGN(std::vector<std::string> strings,
              read_shared_strings(zip.get(), wb.shared_strings_part));
  ISMS_ASSIGN(std::vector<bool> date_styles, read_date_styles(zip.get(), wb.styles_part));
  SheetContext ctx{chosen->name, strings, date_styles, wb.date1904};
  ISMS_TRY(read_sheet(ctx, chosen->part, *sheet_bytes, &table));
  return table;
}

}  // namespace isms
