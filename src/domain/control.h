// Control: a measure the organization actually applies (ISO/IEC 27001 6.1.3, Annex A),
// with the requirements it satisfies (catalogue keys of any framework), the risks it
// treats, and its Evidence. Evidence is a file (content-addressed by SHA-256, size- and
// type-checked, sealed at rest when its control is confidential) or a link, valid for a
// period; expired evidence shows as such. Pure; no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "base/json.h"
#include "domain/classification.h"

namespace isms {

inline constexpr size_t kControlTitleMax = 200;
inline constexpr size_t kControlTextMax = 10000;
inline constexpr size_t kControlRequirementsMax = 500;
inline constexpr size_t kEvidenceFileMax = 25 * 1024 * 1024;  // bytes
inline constexpr size_t kEvidenceTitleMax = 200;
inline constexpr size_t kEvidenceUrlMax = 2000;

enum class ControlStatus { kPlanned, kInProgress, kImplemented, kNotApplicable };
// "planned" | "in_progress" | "implemented" | "not_applicable"
std::string_view control_status_name(ControlStatus s);
std::optional<ControlStatus> parse_control_status(std::string_view s);

struct Control {
  std::string id;
  std::string ref;  // "C-0001", assigned by the store, unique
  std::string title;
  std::string description;
  std::optional<std::string> owner_id;    // person
  std::optional<std::string> owner_name;  // read-only, joined
  ControlStatus status = ControlStatus::kPlanned;
  Classification classification = Classification::kInternal;  // public..confidential
  std::vector<std::string> requirement_keys;  // "iso27001-2022:A.5.15", sorted unique
  std::vector<std::string> risk_ids;          // read-only here: risks whose control_ids name it
  std::optional<std::string> next_check_on;   // effectiveness check date, YYYY-MM-DD
  std::optional<std::string> last_checked_on;
  int check_interval_months = 12;  // 1..36
  int evidence_count = 0;          // read-only
  // Sealed at rest (base/content_cipher.h) for confidential controls: the stored form of
  // `description`, which is then empty in the row (as for assets). Never on the wire.
  std::string description_sealed;
  bool content_hidden = false;   // wire only: list items of confidential controls
  int valid_evidence_count = 0;  // read-only (not expired today)
  std::optional<std::string> archived_at;
  std::optional<std::string> archive_reason;
  int64_t version = 1;
  std::string created_at;
  std::string updated_at;
};

struct ControlFields {
  std::optional<std::string> title, description;
  std::optional<std::optional<std::string>> owner_id;
  std::optional<ControlStatus> status;
  std::optional<Classification> classification;
  std::optional<std::vector<std::string>> requirement_keys;
  std::optional<std::optional<std::string>> next_check_on;
  std::optional<int> check_interval_months;
};
struct ControlPatch {
  ControlFields fields;
  std::optional<int64_t> version;
};
Result<ControlPatch> control_patch_from_json(const Json& body);
void apply_control_fields(const ControlFields& f, Control* c);
std::vector<FieldError> validate_control(const Control& c);
// review_overdue when next_check_on < today.
Json control_to_json(const Control& c, std::string_view today);

enum class EvidenceKind { kFile, kLink };
std::string_view evidence_kind_name(EvidenceKind k);  // "file" | "link"

struct Evidence {
  std::string id;
  std::string control_id;
  std::string title;
  std::string description;
  EvidenceKind kind = EvidenceKind::kLink;
  std::string url;                         // kLink: http(s) URL
  std::string sha256;                      // kFile: hex SHA-256 of the content (the blob's key)
  std::string file_name;                   // kFile: sanitized original name
  std::string media_type;                  // kFile: detected type (evidence_media_type)
  int64_t size = 0;                        // kFile: bytes
  std::string valid_from;                  // YYYY-MM-DD
  std::optional<std::string> valid_until;  // YYYY-MM-DD; none = no expiry
  std::string created_by;                  // actor
  std::optional<std::string> archived_at;
  int64_t version = 1;
  std::string created_at;
};

// "valid", "expired" (valid_until < today), "not_yet_valid" (valid_from > today).
std::string_view evidence_state(const Evidence& e, std::string_view today);

// The media type of a file's content, from its leading bytes, never from its name:
// application/pdf, image/png, image/jpeg, image/gif, application/zip-based office files
// (xlsx/docx/pptx by their [Content_Types].xml part is NOT inspected: reported as
// "application/zip" unless the name ends .xlsx/.docx/.pptx), text/plain (valid UTF-8
// without NUL), text/csv (name .csv and valid UTF-8), application/json (name .json and
// valid UTF-8). Anything else (executables, scripts with a shebang, unknown binary):
// kUnsupportedMediaType naming the file.
Result<std::string> evidence_media_type(std::string_view file_name, std::string_view content);
// Keeps [A-Za-z0-9._ -], replaces the rest by '_', at most 200 bytes, never empty, no
// leading dot.
std::string sanitize_file_name(std::string_view name);

std::vector<FieldError> validate_evidence(const Evidence& e);
Json evidence_to_json(const Evidence& e, std::string_view today);

}  // namespace isms
