// Asset: one entry of the IT Systems Registry (information assets and IT systems).
//
// Pure value types and rules; no I/O. Referential checks (owner exists, dependencies
// exist) need the store and live in AssetService.
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

enum class AssetType {
  kInformation,
  kSystem,
  kApplication,
  kService,
  kDevice,
  kNetwork,
  kCloudService,
  kFacility,
  kOther,
};
enum class LifecycleStatus { kPlanned, kActive, kRetiring, kRetired };

std::string_view asset_type_name(AssetType t);  // "information", ..., "cloud_service"
std::optional<AssetType> parse_asset_type(std::string_view name);
std::string_view lifecycle_status_name(LifecycleStatus s);  // "planned", "active", ...
std::optional<LifecycleStatus> parse_lifecycle_status(std::string_view name);

// Required protection level for one security property: 1 low .. 4 very high.
inline constexpr int kMinLevel = 1;
inline constexpr int kMaxLevel = 4;
std::string_view level_label(int level);  // "Low", "Medium", "High", "Very high"

// Limits enforced by validate_asset (and published in the register descriptor).
inline constexpr size_t kAssetNameMax = 200;
inline constexpr size_t kAssetDescriptionMax = 10000;
inline constexpr size_t kAssetBusinessFunctionMax = 200;
inline constexpr size_t kAssetDependenciesMax = 100;
inline constexpr size_t kAssetWorkingGroupsMax = 50;

struct Asset {
  std::string id;
  std::string name;
  AssetType type = AssetType::kSystem;
  std::string description;
  std::optional<std::string> owner_id;
  std::optional<std::string> owner_name;  // read-only, joined from persons by the store
  std::string business_function;
  Classification classification = Classification::kInternal;
  int confidentiality = 2;
  int integrity = 2;
  int availability = 2;
  int authenticity = 2;
  LifecycleStatus lifecycle_status = LifecycleStatus::kActive;
  std::vector<std::string> depends_on;         // asset ids, sorted, unique
  std::vector<std::string> working_group_ids;  // sorted, unique (confidential access)
  // Content sealed at rest (base/content_cipher.h) for confidential and customer_data
  // assets: the stored form of `description`, which is then empty in the row. Never on
  // the wire; the service seals on write and opens on read.
  std::string description_sealed;
  // Wire only: set on list items of confidential and customer_data assets, whose content
  // (description) a list never shows; the description is then written as null.
  bool content_hidden = false;
  std::optional<std::string> archived_at;
  std::optional<std::string> archive_reason;
  int64_t version = 1;
  std::string created_at;
  std::string updated_at;

  bool archived() const { return archived_at.has_value(); }
};

// The writable fields, each optional: a create request (missing = default) or a partial
// update (missing = unchanged). owner_id: outer optional = "given", inner = null.
struct AssetFields {
  std::optional<std::string> name;
  std::optional<AssetType> type;
  std::optional<std::string> description;
  std::optional<std::optional<std::string>> owner_id;
  std::optional<std::string> business_function;
  std::optional<Classification> classification;
  std::optional<int> confidentiality, integrity, availability, authenticity;
  std::optional<LifecycleStatus> lifecycle_status;
  std::optional<std::vector<std::string>> depends_on;
  std::optional<std::vector<std::string>> working_group_ids;
};

// A create or update request after decoding.
struct AssetPatch {
  AssetFields fields;
  std::optional<int64_t> version;  // the version the client last saw (updates)
  std::string justification;       // why, when lowering classification
};

// Decodes a JSON request body. Collects every problem as a FieldError: wrong JSON types,
// unknown fields, read-only fields, unknown enum values. Never throws.
// REQUIRES: body is the parsed request (any JSON type; non-objects are rejected).
Result<AssetPatch> asset_patch_from_json(const Json& body);

// Applies the patch's present fields onto `asset` (no validation).
void apply_asset_fields(const AssetFields& fields, Asset* asset);

// Field rules for a complete asset: name 1..200 chars without control characters, lengths,
// levels 1..4, no self-dependency, at most 100 dependencies. Returns all violations.
std::vector<FieldError> validate_asset(const Asset& asset);

// Rules for changing `before` into `after`: validate_asset plus the classification rule
// (check_reclassification) and "an archived asset cannot be edited".
Status check_asset_update(const Asset& before, const Asset& after, std::string_view justification);

// Wire form, as in docs/api.md.
Json asset_to_json(const Asset& asset);

// The ledger's record of a whole asset (creation): the wire form without the derived,
// read-only owner_name, archived and content_hidden. The description of a confidential or
// customer_data asset is recorded as "sha256:<hex>" of its text, never as plaintext: the
// ledger is not encrypted and must not leak what encryption at rest protects.
Json asset_ledger_record(const Asset& asset);

// The change recorded in the ledger for an update: {"field":{"from":..,"to":..},...} over
// the fields that differ, plus "justification" when given. Empty object when nothing changed.
Json asset_diff(const Asset& before, const Asset& after, std::string_view justification);

}  // namespace isms
