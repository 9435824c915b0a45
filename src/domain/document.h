// Documents: policies, standards and procedures, each a series of versions with a
// workflow (policy sections 1, 2 and 8: versioned, classified, approved, published and
// acknowledged). Pure value types and rules; no I/O.
//
// Workflow of one version:
//   draft --submit--> in_review --approve--> approved --publish--> published --(a newer
//   version is published)--> superseded;   in_review --return--> draft.
// Only a draft's content can change. A document has at most one version that is not
// published or superseded (its "open" version). Approval is by the document's
// information owner: a person holding "policies:approve" who holds the owner's role
// (owner_role_key, e.g. "ceo") or is the owner person (owner_person_id).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/citation.h"
#include "domain/classification.h"

namespace isms {

enum class DocumentKind { kPolicy, kStandard, kProcedure };
std::string_view document_kind_name(DocumentKind k);  // "policy" | "standard" | "procedure"
std::optional<DocumentKind> parse_document_kind(std::string_view s);

enum class VersionStatus { kDraft, kInReview, kApproved, kPublished, kSuperseded };
// "draft" | "in_review" | "approved" | "published" | "superseded"
std::string_view version_status_name(VersionStatus s);
std::optional<VersionStatus> parse_version_status(std::string_view s);

// One row of a change log, as written in the document's header.
struct ChangeLogEntry {
  std::string version;              // "3.1"
  std::optional<std::string> date;  // YYYY-MM-DD; absent when the source has none
  std::string author;               // "CISO", "Hans Olof Edblom"
  std::string changes;              // change history text, may be empty
  bool operator==(const ChangeLogEntry&) const = default;
};

// A numbered or titled heading of the body. Sections nest by level.
struct Section {
  std::string number;  // "8.4"; "" for an unnumbered heading
  std::string title;   // heading text without number and citation brackets
  int level = 1;       // 1 for "8", 2 for "8.4"; Markdown heading depth when unnumbered
  std::string anchor;  // "s-8-4" or "s-<slug>": unique within the version
  size_t offset = 0;   // byte offset of the heading line in the body
  size_t end = 0;      // byte offset where the section (with its subsections) ends
};

// A citation in a version's body, attached to the innermost section containing it
// ("" = the preamble before the first heading).
struct DocumentCitation {
  Citation citation;
  std::string section_number;
  std::string section_anchor;
};

// Everything that is the content of a version (what a draft edit or an import sets).
struct DocumentContent {
  std::string title;  // 1..300
  Classification classification = Classification::kInternal;
  std::string label;                       // version label "3.1", 1..20
  std::optional<std::string> last_update;  // YYYY-MM-DD
  std::string author;                      // 0..200, as written ("CISO")
  std::string information_owner;           // 0..200, as written ("CEO")
  std::string approver;                    // 0..200, as written; set on approval when empty
  std::vector<ChangeLogEntry> change_log;  // at most 500
  int review_interval_months = 12;         // 1..60
  bool requires_acknowledgement = false;
  std::string body;  // Markdown (CommonMark + GFM tables), at most 2 MiB
  bool operator==(const DocumentContent&) const = default;
};

struct DocumentVersion {
  std::string id;
  std::string document_id;
  int number = 1;  // 1, 2, 3 ... in creation order within the document
  VersionStatus status = VersionStatus::kDraft;
  DocumentContent content;
  // Derived from content.body by the service on every write (never set by callers):
  std::vector<Section> sections;
  std::vector<DocumentCitation> citations;
  std::vector<CitationWarning> warnings;
  // Workflow record (actor strings as in the ledger, times RFC 3339 UTC):
  std::string created_by;
  std::string created_at;
  std::string updated_at;
  std::optional<std::string> submitted_by, submitted_at;
  std::optional<std::string> approved_by, approved_at;  // approved_by: person id
  std::optional<std::string> published_by, published_at;
  std::optional<std::string> superseded_at;
  std::string review_comment;  // set when returned to draft
  int64_t version = 1;         // optimistic lock of this row
};

struct Document {
  std::string id;
  DocumentKind kind = DocumentKind::kPolicy;
  // Mirrors of the latest version's content, for lists and access checks:
  std::string title;
  Classification classification = Classification::kInternal;
  std::string information_owner;
  // Who approves: resolved from information_owner when it names a role ("CEO" -> "ceo")
  // or set explicitly; at least one of the two is required before submit.
  std::optional<std::string> owner_role_key;
  std::optional<std::string> owner_person_id;
  std::vector<std::string> working_group_ids;  // confidential access, as for assets
  std::optional<std::string> latest_version_id;
  std::optional<std::string> published_version_id;
  std::optional<std::string> published_label;
  std::optional<std::string> next_review_date;  // YYYY-MM-DD; published_at + interval
  std::optional<std::string> archived_at;
  int64_t version = 1;
  std::string created_at;
  std::string updated_at;
};

struct Acknowledgement {
  std::string version_id;
  std::string person_id;
  std::string person_name;                     // read-only, joined by the store
  std::optional<std::string> acknowledged_at;  // nullopt = pending
  std::optional<std::string> last_reminded_at;
  int reminder_count = 0;
};

// Content rules. Lengths in code points: title 1..300 and label 1..20 (not blank),
// author / information_owner / approver 0..200, change-log version 1..20, author 0..200,
// changes 0..4000; at most 500 change-log rows; dates YYYY-MM-DD that exist;
// review_interval_months 1..60; body at most 2 MiB (bytes). All text valid UTF-8 without
// control characters (C0, DEL, C1), except \n and \t in body and changes. Each problem
// names its field ("title", "change_log[2].date", ...).
struct DocumentProblem {
  std::string field;
  std::string message;
};
std::vector<DocumentProblem> check_document_content(const DocumentContent& content);

// True when `s` is exactly "YYYY-MM-DD" and names a day that exists (leap years included;
// years 1000..9999). "2025-02-30" and "2025-2-3" are not dates.
bool is_calendar_date(std::string_view s);

// The role key named by an owner text, case- and space-insensitive, a leading "the" and a
// final period ignored: "CEO" / "Chief Executive Officer" -> "ceo", "CISO" / "Chief
// Information Security Officer" / "Chief Information Security Officer (CISO)" -> "ciso",
// "Employee(s)" -> "employee", "Contractor(s)", "Auditor(s)", "Administrator(s)"; nullopt
// when it names no built-in role ("Head of IT", "CEO and CISO", "CEO (CISO)").
std::optional<std::string> role_key_for_owner(std::string_view owner_text);

// Sections of a Markdown body: ATX headings ("#".."######") and setext headings (a
// paragraph underlined with "===" or "---"); headings inside fenced or indented code are
// not sections. A heading starting with a number of up to six components of 1-3 digits
// ("8.4 ", "8.4. ") is numbered: level = the number's depth, trailing zero components not
// counted ("1.0" is level 1), anchor "s-8-4". Otherwise level = the heading's depth and
// anchor "s-<slug>" (ASCII lower-cased, other characters as '-', non-ASCII kept; "s-section"
// when empty). Anchors are made unique with "-2", "-3"... Titles lose citation brackets (a
// [...] holding a digit or starting with an upper-case word: "[ISO27001 5.2]", "[NIS]";
// "[Draft]" stays), link destinations, backslash escapes and emphasis around the whole
// title. A section ends where the next heading of the same or a lower level starts, else
// at the end of the body.
std::vector<Section> extract_sections(std::string_view body);
// Attaches each citation to the innermost section containing its offset.
std::vector<DocumentCitation> attach_citations(const std::vector<Section>& sections,
                                               const std::vector<Citation>& citations);

// Next label after `label`: the last run of digits counts up ("3.1" -> "3.2", "3.9" ->
// "3.10", "3" -> "4", "v2" -> "v3", "1.0-rc" -> "1.1-rc"); "" -> "1.0"; a label without
// digits gets "-2" ("draft" -> "draft-2").
std::string next_version_label(std::string_view label);

// Line diff between two bodies (dtl, libdtl-dev). Lines compare with their final newline:
// a last line without '\n' differs from the same line with one. In each run of changes the
// removed lines come before the added ones. Beyond 20,000 differing lines (after the
// common first and last lines) the middle is shown as all removed then all added rather
// than searched for a minimal diff. `fields` lists, in this order, title, classification
// (its name), label, last_update ("" when absent), author, information_owner, approver,
// review_interval_months, requires_acknowledgement ("true"/"false") and change_log (one
// line per entry: "version | date | author | changes") when they differ.
struct DiffLine {
  char op = ' ';  // ' ' same, '+' added, '-' removed
  std::string text;
  int old_line = 0;  // 1-based, 0 for added lines
  int new_line = 0;  // 1-based, 0 for removed lines
};
struct FieldChange {
  std::string field;
  std::string before;
  std::string after;
};
struct VersionDiff {
  std::vector<FieldChange> fields;  // title, classification, label, ... that differ
  std::vector<DiffLine> lines;      // full body diff (unchanged lines included)
  int added = 0;
  int removed = 0;
};
VersionDiff diff_versions(const DocumentContent& before, const DocumentContent& after);

}  // namespace isms
