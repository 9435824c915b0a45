// ControlService: controls and their evidence (domain/control.h; docs/api.md "Controls" and
// "Evidence"). Ledger entries "control.create|update|archive|check", "evidence.add|update|
// archive" (files by SHA-256, never their content) and "control.read" for each single
// read of a confidential control's description. Thread-safe.
//
// Permissions: reads "controls:read"; confidential controls also need "confidential:read"
// or being the owner (else kNotFound, as for unknown ids); writes "controls:write".
// The description of a confidential control is sealed at rest (place
// "controls/description_sealed/<id>"); evidence files of a confidential control are stored
// sealed (place "evidence_blobs/content/<sha256>"), others plain; both content-addressed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/access.h"
#include "domain/control.h"
#include "service/context.h"

namespace isms {

struct ControlListRequest {
  ControlQuery query;  // query.after ignored; the cursor sets it; scope set by the service
  std::string cursor;
};
struct ControlListResult {
  std::vector<Control> items;
  std::string next_cursor;
  std::optional<int64_t> total;
};

struct ControlView {
  Control control;
  std::vector<Evidence> evidence;  // not archived, newest first
};

struct EvidenceUpload {
  std::string title;
  std::string description;
  std::string file_name;
  std::string content;     // bytes, <= kEvidenceFileMax (else kTooLarge)
  std::string valid_from;  // default today
  std::optional<std::string> valid_until;
};
struct EvidenceLink {
  std::string title;
  std::string description;
  std::string url;  // http:// or https://
  std::string valid_from;
  std::optional<std::string> valid_until;
};
Result<EvidenceLink> evidence_link_from_json(const Json& body);

struct EvidenceFile {
  Evidence evidence;
  std::string content;  // plain bytes
};

class ControlService {
 public:
  explicit ControlService(const ServiceContext& ctx) : ctx_(ctx) {}

  Result<ControlListResult> list(const Principal& p, const ControlListRequest& request) const;
  Result<ControlView> get(const Principal& p, const std::string& id) const;
  // requirement_keys must name catalogue requirements; owner must exist (kInvalid).
  Result<ControlView> create(const Principal& p, const ControlPatch& patch) const;
  Result<ControlView> update(const Principal& p, const std::string& id,
                             const ControlPatch& patch) const;
  Result<ControlView> archive(const Principal& p, const std::string& id, int64_t expected_version,
                              const std::string& reason) const;
  // Records an effectiveness check on `checked_on` (default today): last_checked_on, and
  // next_check_on moves by check_interval_months.
  Result<ControlView> record_check(const Principal& p, const std::string& id,
                                   int64_t expected_version, const std::string& note,
                                   const std::optional<std::string>& checked_on) const;

  Result<Evidence> add_file(const Principal& p, const std::string& control_id,
                            const EvidenceUpload& upload) const;
  Result<Evidence> add_link(const Principal& p, const std::string& control_id,
                            const EvidenceLink& link) const;
  Result<std::vector<Evidence>> evidence(const Principal& p, const std::string& control_id,
                                         bool include_archived) const;
  Result<EvidenceFile> evidence_file(const Principal& p, const std::string& evidence_id) const;
  Result<Evidence> archive_evidence(const Principal& p, const std::string& evidence_id,
                                    int64_t expected_version) const;

 private:
  const ServiceContext& ctx_;
};

}  // namespace isms
