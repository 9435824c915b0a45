// Fuzz target: the three document importers (formats/document_import.h) and what runs on
// their output.
//
// Every input goes to import_plain_text, import_markdown and import_html. Whatever one of
// them accepts must be content that check_document_content accepts, must have sections
// that nest inside the body with unique anchors, must diff as unchanged against itself,
// and must survive the policy-as-code round trip exactly:
// import_markdown(export_markdown(x)) == x, and exporting that again gives the same bytes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

#include "formats/document_import.h"

namespace {

void check(const isms::ImportedDocument& doc) {
  const isms::DocumentContent& c = doc.content;
  if (!isms::check_document_content(c).empty()) std::abort();

  std::set<std::string> anchors;
  for (const isms::Section& s : isms::extract_sections(c.body)) {
    if (s.offset > s.end || s.end > c.body.size()) std::abort();
    if (!anchors.insert(s.anchor).second) std::abort();
  }

  isms::VersionDiff same = isms::diff_versions(c, c);
  if (!same.fields.empty() || same.added != 0 || same.removed != 0) std::abort();

  std::string md = isms::export_markdown(doc.id, doc.kind, doc.status, c);
  auto back = isms::import_markdown(md);
  if (!back) std::abort();
  if (!(back->content == c) || back->id != doc.id || back->status != doc.status ||
      back->kind != doc.kind) {
    std::abort();
  }
  if (isms::export_markdown(back->id, back->kind, back->status, back->content) != md) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (auto import : {&isms::import_plain_text, &isms::import_markdown, &isms::import_html}) {
    auto r = import(bytes);
    if (r) check(*r);
  }
  (void)isms::detect_import_format("upload", bytes);
  return 0;
}
