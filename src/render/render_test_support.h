// Test helpers for src/render: the sample policy (tests/fixtures/information-security-
// policy.txt) as a realistic DocumentVersion built by hand (Markdown body with numbered
// headings, sections, citations and a warning at the offsets a scan would give), and
// running a command (pdftotext) to read output back.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "domain/document.h"
#include "render/document_render.h"

namespace isms::testing {

inline std::string render_fixture_file(const std::string& relative) {
  std::filesystem::path path =
      std::filesystem::path(__FILE__).parent_path() / "../../tests/fixtures" / relative;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "fixture " << path << " not found";
    return "";
  }
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Sections of a body whose headings are "## 8 Title [refs]" / "### 8.4 Title [refs]".
inline std::vector<Section> sections_of(const std::string& body) {
  std::vector<Section> sections;
  static const std::regex heading(R"(^(#{1,6}) (?:(\d+(?:\.\d+)*) )?([^\[\n]*?)\s*(?:\[.*)?$)");
  size_t pos = 0;
  bool fenced = false;
  while (pos < body.size()) {
    size_t end = body.find('\n', pos);
    if (end == std::string::npos) end = body.size();
    std::string line = body.substr(pos, end - pos);
    if (line.rfind("```", 0) == 0) fenced = !fenced;
    std::smatch m;
    if (!fenced && std::regex_match(line, m, heading)) {
      Section s;
      s.number = m[2];
      s.title = m[3];
      s.level = s.number.empty()
                    ? static_cast<int>(m[1].length())
                    : 1 + static_cast<int>(std::count(s.number.begin(), s.number.end(), '.'));
      std::string slug = s.number.empty() ? s.title : s.number;
      for (char& c : slug) c = std::isalnum(static_cast<unsigned char>(c)) ? std::tolower(c) : '-';
      s.anchor = "s-" + slug;
      s.offset = pos;
      sections.push_back(s);
    }
    pos = end + 1;
  }
  for (size_t i = 0; i < sections.size(); ++i) {
    sections[i].end = body.size();
    for (size_t j = i + 1; j < sections.size(); ++j)
      if (sections[j].level <= sections[i].level) {
        sections[i].end = sections[j].offset;
        break;
      }
  }
  return sections;
}

// Citations of "[ISO27001 5.2]", "[ISO27002 A5.19, A5.20]", "[NIS 5.1-5.2]" brackets, as
// the domain scanner reports them (offsets of each id; a range gives one citation per end
// over the same span). ISO 27001 clause "5.4" does not exist: a warning.
inline void cite(DocumentVersion* v) {
  const std::string& body = v->content.body;
  static const std::regex bracket(R"(\[(ISO2700[12]|NIS) ([^\]]+)\])");
  for (auto it = std::sregex_iterator(body.begin(), body.end(), bracket);
       it != std::sregex_iterator(); ++it) {
    const std::smatch& m = *it;
    std::string kind = m[1];
    size_t list_at = static_cast<size_t>(m.position(2));
    std::string list = m[2];
    bool annex = false;
    size_t at = 0;
    while (at < list.size()) {
      size_t comma = list.find(", ", at);
      std::string id = list.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
      size_t offset = list_at + at;
      if (!id.empty() && id[0] == 'A') annex = true;
      std::string ref = id[0] == 'A' ? id.substr(1) : id;
      Citation c;
      c.raw = id;
      c.offset = offset;
      c.length = id.size();
      c.bracket_offset = static_cast<size_t>(m.position(0));
      c.bracket_length = static_cast<size_t>(m.length(0));
      if (kind == "NIS") {
        c.framework_id = "nis2-2024-2690";
        size_t dash = ref.find('-');
        if (dash != std::string::npos) {
          for (std::string end : {ref.substr(0, dash), ref.substr(dash + 1)}) {
            Citation r = c;
            r.ref_id = end;
            r.from_range = true;
            v->citations.push_back({r, "", ""});
          }
        } else {
          c.ref_id = ref;
          v->citations.push_back({c, "", ""});
        }
      } else if (kind == "ISO27001" && !annex && ref == "5.4") {
        CitationWarning w;
        w.raw = id;
        w.offset = offset;
        w.length = id.size();
        w.framework_id = "iso27001-2022";
        w.ref_id = "5.4";
        w.message = "ISO 27001:2022 has no clause 5.4";
        v->warnings.push_back(w);
      } else {
        c.framework_id = "iso27001-2022";
        c.ref_id = (kind == "ISO27002" || annex) ? "A." + ref : ref;
        v->citations.push_back({c, "", ""});
      }
      if (comma == std::string::npos) break;
      at = comma + 2;
    }
  }
}

// A version around `body`: sections and citations derived as above.
inline DocumentVersion version_with_body(std::string body,
                                         Classification c = Classification::kPublic) {
  DocumentVersion v;
  v.id = "ver-1";
  v.document_id = "doc-1";
  v.number = 4;
  v.status = VersionStatus::kPublished;
  v.content.title = "Information Security Policy";
  v.content.classification = c;
  v.content.label = "3.1";
  v.content.last_update = "2025-02-07";
  v.content.author = "CISO";
  v.content.information_owner = "CEO";
  v.content.approver = "CEO";
  v.content.change_log = {
      {"1.0", "2022-11-16", "CISO", "Initial release of previous document"},
      {"2.0", "2024-03-05", "CISO",
       "Implemented the new template added Purpose Section. Updated Information security "
       "objective, and Information security management process"},
      {"3.0", "2025-02-07", "Hans Olof Edblom", ""},
      {"3.1", std::nullopt, "Hans Olof Edblom", "Added ISO-references to headers."},
  };
  v.content.body = std::move(body);
  v.sections = sections_of(v.content.body);
  cite(&v);
  return v;
}

// A long unbroken word: it must wrap inside its box, not run off the page.
inline const std::string& long_word() {
  static const std::string w = [] {
    std::string s = "https://isms.example.com/evidence/";
    for (int i = 0; i < 12; ++i) s += "segment" + std::to_string(i) + "-abcdefghij";
    return s;
  }();
  return w;
}

// The fixture's policy text (from "1 Definition and purpose" on) as Markdown: numbered
// lines become "## 8" / "### 8.4" headings, "- " lines tight lists, the rest paragraphs.
inline std::string policy_body() {
  std::istringstream in(render_fixture_file("information-security-policy.txt"));
  static const std::regex numbered(R"(^(\d+)(\.\d+)? \S.*$)");
  std::string body;
  bool started = false;
  bool in_list = false;
  for (std::string line; std::getline(in, line);) {
    if (!started && line.rfind("1 Definition and purpose", 0) != 0) continue;
    started = true;
    if (line.empty()) continue;
    bool item = line.rfind("- ", 0) == 0;
    if (in_list && !item) body += "\n";
    std::smatch m;
    if (std::regex_match(line, m, numbered)) {
      body += (m[2].matched ? "### " : "## ") + line + "\n\n";
    } else if (item) {
      body += line + "\n";
    } else {
      body += line + "\n\n";
    }
    in_list = item;
  }
  body += "\nEvidence is kept at " + long_word() + " for audits.\n";
  return body;
}

inline DocumentVersion policy_version(Classification c = Classification::kPublic) {
  return version_with_body(policy_body(), c);
}

inline RenderContext render_context() {
  RenderContext ctx;
  ctx.organization_name = "Elastisys AB";
  ctx.status = "published";
  ctx.generated_at = "2025-03-01T09:30:00Z";
  return ctx;
}

// Standard output of a shell command; exit status in *status.
inline std::string run_command(const std::string& command, int* status) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) {
    *status = -1;
    return out;
  }
  char buffer[65536];
  for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  *status = pclose(pipe);
  return out;
}

}  // namespace isms::testing
