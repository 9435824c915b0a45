// Store: the persistence interface. Two engines implement it, SQLite (sqlite/) and
// PostgreSQL (postgres/); they are the only places in isms that contain SQL. Both pass the
// same conformance suite (store_conformance_test.cc).
//
// Unit of work: every read or change happens inside a StoreTx. A write transaction
// serializes against every other write transaction on the same database, across threads
// and processes (SQLite: BEGIN IMMEDIATE; PostgreSQL: a transaction-scoped advisory lock),
// so the ledger chain can never fork. A StoreTx that is destroyed without commit() rolls
// back. A StoreTx is used by one thread at a time; a Store is thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "domain/access.h"
#include "domain/asset.h"
#include "domain/auth.h"
#include "domain/catalogue.h"
#include "domain/control.h"
#include "domain/document.h"
#include "domain/op_record.h"
#include "domain/people.h"
#include "domain/risk.h"
#include "domain/risk_cycle.h"
#include "domain/risk_method.h"
#include "domain/soa.h"
#include "domain/threat.h"
#include "ledger/entry.h"

namespace isms {

enum class ArchivedFilter { kActiveOnly, kArchivedOnly, kAll };

// Sort keys for the asset list. Every sort is made total by a final tie-break on id.
// kName and kOwnerName (user text) are case-insensitive, identically on both engines: by
// the folded text (store/text.h fold_case: simple Unicode lower-casing, then code point
// order, not a locale's collation), then the exact text, then id; "apple" < "Apple2" <
// "Zebra", "Apple" < "apple", assets without owner first. kType and kLifecycleStatus sort
// by their names, kClassification by rank (public .. customer_data), times by time.
enum class AssetSort {
  kName,
  kType,
  kClassification,
  kLifecycleStatus,
  kOwnerName,
  kCreatedAt,
  kUpdatedAt,
};

// Keyset position: the sort value and id of the last row of the previous page.
// sort_value is asset_sort_value() of that row: the exact text for text columns (the
// store derives the case-insensitive key from it) and the decimal rank for
// kClassification.
struct AssetKeyset {
  std::string sort_value;
  std::string id;
};

struct AssetQuery {
  std::vector<std::string> types;               // AssetType names; empty = any
  std::vector<std::string> classifications;     // Classification names; empty = any
  std::vector<std::string> lifecycle_statuses;  // LifecycleStatus names; empty = any
  std::vector<std::string> owner_ids;           // empty = any
  // Case-insensitive substring of name, description or business function (never across
  // two of them); %, _, \ and quotes match literally; empty = none; over 4000 bytes:
  // kInvalid, field "q". 3+ characters use a trigram index, shorter ones scan the table.
  std::string search;
  ArchivedFilter archived = ArchivedFilter::kActiveOnly;
  AssetSort sort = AssetSort::kName;
  bool descending = false;
  int limit = 50;                    // REQUIRES: 1 <= limit <= 500
  std::optional<AssetKeyset> after;  // start after this row
  bool with_total = false;           // also count all rows matching the filters
  // Who reads: rows the reader may not read (domain/access.h) are left out of items,
  // total and every filter, as if they did not exist. Default: public/internal only.
  ReadScope scope;
};

struct AssetPage {
  std::vector<Asset> items;
  std::optional<AssetKeyset> next;  // set when more rows follow
  std::optional<int64_t> total;     // set when with_total
};

// The sort value of `asset` under `sort`, as AssetKeyset::sort_value expects it.
std::string asset_sort_value(const Asset& asset, AssetSort sort);

struct AssetCounts {
  int64_t total = 0;                                                 // not archived
  std::vector<std::pair<std::string, int64_t>> by_classification;    // name -> count
  std::vector<std::pair<std::string, int64_t>> by_lifecycle_status;  // name -> count
  int64_t without_owner = 0;
};

// One encrypted value (base/content_cipher.h) in the database, for key rotation.
// table/column name the sealed column: ("assets","description_sealed"),
// ("users","totp_secret_sealed"), ("controls","description_sealed"), and
// ("evidence_blobs","content") with row_id = the blob's sha256 (sealed blobs only).
struct SealedValue {
  std::string table;
  std::string column;
  std::string row_id;
  std::string sealed;
};

// Documents list filter. Rows the reader may not read (domain/access.h, with the
// document's information owner person as owner, its working groups and grants of object
// type "document") are left out of items and total.
struct DocumentQuery {
  std::vector<std::string> kinds;     // DocumentKind names; empty = any
  std::vector<std::string> statuses;  // status of the latest version; empty = any
  std::string search;                 // case-insensitive substring of the title; <= 4000 bytes
  ArchivedFilter archived = ArchivedFilter::kActiveOnly;
  ReadScope scope;
};

// A citation in a published version, with what the traceability matrix shows of it.
struct PublishedCitation {
  std::string document_id;
  std::string document_title;
  std::string document_kind;
  std::string version_id;
  std::string version_label;
  std::string section_number;
  std::string section_title;
  std::string section_anchor;
  std::string framework_id;
  std::string ref_id;
};

// A published version that asks `person_id` for acknowledgement and is still pending.
struct PendingAcknowledgement {
  std::string document_id;
  std::string document_title;
  std::string version_id;
  std::string version_label;
  std::string published_at;
};

// Risk register list. Sorts are total (final tie-break on id); kTitle and kOwnerName are
// case-insensitive like AssetSort::kName; levels sort by rank, kRef by the number in it.
enum class RiskSort {
  kRef,
  kTitle,
  kInherentLevel,
  kResidualLevel,
  kOwnerName,
  kNextReview,
  kUpdatedAt
};
struct RiskKeyset {
  std::string sort_value;  // risk_sort_value() of the last row
  std::string id;
};
struct RiskQuery {
  std::vector<std::string> owner_ids;       // empty = any
  std::vector<std::string> treatments;      // Treatment names; empty = any
  std::string asset_id;                     // "" = any; else risks naming this asset
  std::string control_id;                   // "" = any; else risks naming this control
  std::string threat_id, vulnerability_id;  // "" = any
  std::optional<int> min_residual_level;    // residual_level >= this (above appetite: appetite+1)
  std::optional<int> min_inherent_level;
  std::optional<int> likelihood, impact;     // one heat-map cell (with `residual` below)
  bool cell_residual = true;                 // likelihood/impact filter the residual rating
  std::optional<std::string> review_before;  // next_review_on < this date (YYYY-MM-DD)
  std::string search;  // case-insensitive substring of ref, title or description; <= 4000 bytes
  ArchivedFilter archived = ArchivedFilter::kActiveOnly;
  RiskSort sort = RiskSort::kRef;
  bool descending = false;
  int limit = 50;  // 1..500
  std::optional<RiskKeyset> after;
  bool with_total = false;
};
struct RiskPage {
  std::vector<Risk> items;  // filled like get_risk
  std::optional<RiskKeyset> next;
  std::optional<int64_t> total;
};
std::string risk_sort_value(const Risk& risk, RiskSort sort);

// One heat-map cell: risks not archived rated (likelihood, impact) under method_number.
struct RiskHeatCell {
  int64_t method_number = 1;
  int likelihood = 0;
  int impact = 0;
  int64_t count = 0;
};
// Risks not archived per owner (owner_id empty = no owner), ordered by above_appetite
// desc, max_residual_level desc, risks desc, owner name.
struct OwnerRiskSummary {
  std::string owner_id;
  std::string owner_name;
  int64_t risks = 0;
  int64_t above_appetite = 0;  // residual_level > the given appetite rank
  int max_residual_level = 0;
};

enum class ControlSort { kRef, kTitle, kStatus, kOwnerName, kNextCheck, kUpdatedAt };
struct ControlKeyset {
  std::string sort_value;
  std::string id;
};
struct ControlQuery {
  std::vector<std::string> statuses;  // ControlStatus names; empty = any
  std::vector<std::string> owner_ids;
  std::string requirement_key;              // "" = any; else controls naming this "fw:ref"
  std::string risk_id;                      // "" = any; else controls the risk names
  std::optional<std::string> check_before;  // next_check_on < this date
  std::string search;  // ref, title or description (not sealed ones); <= 4000 bytes
  ArchivedFilter archived = ArchivedFilter::kActiveOnly;
  ControlSort sort = ControlSort::kRef;
  bool descending = false;
  int limit = 50;  // 1..500
  std::optional<ControlKeyset> after;
  bool with_total = false;
  // Who reads: confidential controls only when include_confidential, or owned by
  // reader_person_id. (Controls are never customer_data.)
  bool include_confidential = false;
  std::string reader_person_id;
};
struct ControlPage {
  std::vector<Control> items;
  std::optional<ControlKeyset> next;
  std::optional<int64_t> total;
};
std::string control_sort_value(const Control& control, ControlSort sort);

// A control naming a requirement, for the SoA and coverage (controls not archived).
struct RequirementControl {
  std::string requirement_key;  // "fw:ref"
  std::string control_id;
  std::string control_ref;
  ControlStatus status = ControlStatus::kPlanned;
  int evidence_count = 0;             // evidence not archived
  int valid_evidence_count = 0;       // of those, valid on `today`
  std::vector<std::string> risk_ids;  // risks not archived naming the control
};

// Evidence file content, keyed by (sha256 of the plain content, sealed).
struct EvidenceBlob {
  std::string sha256;
  bool sealed = false;  // content is a base/content_cipher sealed value
  std::string media_type;
  int64_t size = 0;     // plain size
  std::string content;  // plain bytes, or the sealed value when sealed
};

enum class OpRecordOrder {
  kCreated,  // created_at, id (oldest first)
  kDue,      // due_at, id (empty due_at last)
  kRef,      // ref, id
};

// Filters combine with AND; an unset optional does not filter.
struct OpRecordQuery {
  std::string kind;                      // required
  std::optional<std::string> parent_id;  // exactly this parent
  std::vector<std::string> statuses;     // any of these; empty = any
  std::optional<std::string> owner_id;
  std::optional<std::string> due_from;    // due_at >= due_from (and due_at <> '')
  std::optional<std::string> due_before;  // due_at < due_before (and due_at <> '')
  ArchivedFilter archived = ArchivedFilter::kActiveOnly;
  OpRecordOrder order = OpRecordOrder::kCreated;
  bool descending = false;
  // Keyset: rows strictly after (after_key, after_id) in the chosen order, where after_key
  // is the row's created_at / due_at / ref. Empty after_id = from the start.
  std::string after_key;
  std::string after_id;
  int limit = 0;  // 0 = all rows; otherwise 1..10000 (kInvalid beyond)
};

struct LedgerHead {
  int64_t seq = 0;  // 0 when the ledger is empty
  std::string hash{ledger::kGenesisHash};
};

class StoreTx {
 public:
  virtual ~StoreTx() = default;
  // Makes the transaction's changes durable. After commit() (successful or not) the
  // transaction is finished and must not be used.
  virtual Status commit() = 0;

  // Organization (exactly one per database once initialized).
  virtual Result<std::optional<Organization>> get_organization() = 0;
  virtual Status insert_organization(const Organization& org) = 0;

  // People and roles. get_* return kNotFound for an unknown id.
  virtual Status insert_person(const Person& person) = 0;  // kConflict on duplicate email
  virtual Result<Person> get_person(const std::string& id) = 0;
  // By name, case-insensitively like AssetSort::kName, then id.
  virtual Result<std::vector<Person>> list_persons() = 0;
  virtual Result<int64_t> count_persons() = 0;
  virtual Status insert_role(const Role& role) = 0;    // kConflict on duplicate key
  virtual Result<std::vector<Role>> list_roles() = 0;  // in insertion order
  // Writes every field of `person` (role_ids too) when the stored version equals
  // expected_version (else kConflict; kNotFound for an unknown id); stores person.version
  // as given. kConflict on a duplicate email.
  virtual Status update_person(const Person& person, int64_t expected_version) = 0;
  virtual Result<Role> get_role(const std::string& id) = 0;
  // Writes name, description and permissions of the role with role.id (kNotFound).
  virtual Status update_role(const Role& role) = 0;
  // Deletes a role no person holds: kConflict when one does, kNotFound when unknown.
  virtual Status delete_role(const std::string& id) = 0;

  virtual Status insert_user(const User& user) = 0;  // kConflict on duplicate username
  virtual Result<std::optional<User>> find_user(const std::string& username) = 0;
  virtual Result<std::optional<User>> get_user(const std::string& id) = 0;
  virtual Result<std::vector<User>> list_users() = 0;  // by username
  virtual Result<std::vector<User>> users_of_person(const std::string& person_id) = 0;
  // Writes every mutable field of the user with user.id (everything but id, username,
  // person_id, created_at); kNotFound when unknown.
  virtual Status update_user(const User& user) = 0;

  // Recovery codes (hex SHA-256 of each code). replace_* deletes the user's old codes.
  virtual Status replace_recovery_codes(const std::string& user_id,
                                        const std::vector<std::string>& code_hashes) = 0;
  // Marks an unused code used at `at`; false when no unused code has that hash.
  virtual Result<bool> consume_recovery_code(const std::string& user_id,
                                             const std::string& code_hash,
                                             const std::string& at) = 0;
  virtual Result<int64_t> count_unused_recovery_codes(const std::string& user_id) = 0;

  // Sessions, keyed by id_hash.
  virtual Status insert_session(const Session& session) = 0;  // kConflict on duplicate
  virtual Result<std::optional<Session>> find_session(const std::string& id_hash) = 0;
  // Writes state, csrf_token, last_seen_at, expires_at of session.id_hash (kNotFound).
  virtual Status update_session(const Session& session) = 0;
  virtual Status delete_session(const std::string& id_hash) = 0;  // no error when absent
  // Deletes every session of the user; returns how many there were.
  virtual Result<int64_t> delete_sessions_of_user(const std::string& user_id) = 0;
  virtual Result<std::vector<Session>> list_sessions_of_user(const std::string& user_id) = 0;
  // Deletes sessions whose expires_at <= now; returns how many.
  virtual Result<int64_t> delete_expired_sessions(const std::string& now) = 0;

  // API tokens, keyed by id.
  virtual Status insert_api_token(const ApiToken& token) = 0;  // kConflict on duplicate id
  virtual Result<std::optional<ApiToken>> find_api_token(const std::string& id) = 0;
  // The user's tokens, or everyone's when user_id is empty; newest first.
  virtual Result<std::vector<ApiToken>> list_api_tokens(const std::string& user_id) = 0;
  // Writes revoked_at and last_used_at of token.id (kNotFound).
  virtual Status update_api_token(const ApiToken& token) = 0;
  // Sets revoked_at = at on every unrevoked token of the user; returns how many.
  virtual Result<int64_t> revoke_api_tokens_of_user(const std::string& user_id,
                                                    const std::string& at) = 0;

  // Authentication events. insert returns the assigned id (increasing).
  virtual Result<int64_t> insert_auth_event(const AuthEvent& event) = 0;
  // Newest first: events with id < before_id (0 = from the newest), at most limit
  // (1..500, else kInvalid), only the user's when user_id is non-empty.
  virtual Result<std::vector<AuthEvent>> list_auth_events(int64_t before_id, int limit,
                                                          const std::string& user_id) = 0;

  // Working groups. Names unique case-insensitively (kConflict); members must be persons.
  virtual Status insert_group(const WorkingGroup& group) = 0;
  virtual Result<WorkingGroup> get_group(const std::string& id) = 0;  // kNotFound
  // Writes name, description, members, updated_at, version when the stored version
  // equals expected_version (else kConflict).
  virtual Status update_group(const WorkingGroup& group, int64_t expected_version) = 0;
  virtual Result<std::vector<WorkingGroup>> list_groups() = 0;  // by name, case-insensitive
  virtual Result<std::vector<std::string>> groups_of_person(const std::string& person_id) = 0;

  // Explicit per-object grants. insert: kConflict when the same grant exists.
  virtual Status insert_grant(const ObjectGrant& grant) = 0;
  // kNotFound when no such grant.
  virtual Status delete_grant(const std::string& object_type, const std::string& object_id,
                              const std::string& person_id) = 0;
  virtual Result<std::vector<ObjectGrant>> list_grants(const std::string& object_type,
                                                       const std::string& object_id) = 0;
  virtual Result<std::vector<ObjectGrant>> list_grants_of_person(const std::string& person_id) = 0;

  // Organization settings; defaults (OrganizationSettings{}) until first put.
  virtual Result<OrganizationSettings> get_settings() = 0;
  virtual Status put_settings(const OrganizationSettings& settings) = 0;

  // Encrypted values, for key rotation: those after `after` in (table, column, row_id)
  // order, at most `limit`; and rewriting one in place (kNotFound when the row is gone).
  virtual Result<std::vector<SealedValue>> list_sealed_values(
      const std::optional<SealedValue>& after, int limit) = 0;
  virtual Status update_sealed_value(const SealedValue& value) = 0;

  // Assets. insert/update write the dependencies and working groups too; get/list fill
  // owner_name, depends_on and working_group_ids. description_sealed is stored as given
  // (the service seals content of confidential and customer_data assets and leaves
  // description empty, so search never sees it). update_asset writes only when the stored version
  // equals expected_version, else returns kConflict; it stores asset.version as given.
  virtual Status insert_asset(const Asset& asset) = 0;
  virtual Result<Asset> get_asset(const std::string& id) = 0;
  virtual Status update_asset(const Asset& asset, int64_t expected_version) = 0;
  virtual Result<AssetPage> list_assets(const AssetQuery& query) = 0;
  // The subset of `ids` that name stored assets (archived or not), in input order, each
  // id once even when `ids` repeats it.
  virtual Result<std::vector<std::string>> existing_asset_ids(
      const std::vector<std::string>& ids) = 0;
  // Counts of assets not archived that `scope` may read. by_classification lists all four
  // classifications (rank order) and by_lifecycle_status all four statuses, zeros included.
  virtual Result<AssetCounts> count_assets(const ReadScope& scope) = 0;

  // Requirements catalogue (domain/catalogue.h). upsert_framework inserts or replaces
  // every field of the framework with f.id (kConflict when another framework has the
  // same non-empty urn). get/list fill requirement_count.
  virtual Status upsert_framework(const Framework& f) = 0;
  virtual Result<Framework> get_framework(const std::string& id) = 0;  // kNotFound
  virtual Result<std::optional<Framework>> find_framework_by_urn(const std::string& urn) = 0;
  virtual Result<std::vector<Framework>> list_frameworks() = 0;  // by id
  // Inserts or replaces requirements by (framework_id, ref_id); the framework must exist.
  virtual Status upsert_requirements(const std::vector<Requirement>& requirements) = 0;
  // Deletes the named requirements of the framework and every mapping that names them.
  virtual Status delete_requirements(const std::string& framework_id,
                                     const std::vector<std::string>& ref_ids) = 0;
  // All requirements of the framework in position order (then ref_id).
  virtual Result<std::vector<Requirement>> list_requirements(const std::string& framework_id) = 0;
  virtual Result<Requirement> get_requirement(const std::string& framework_id,
                                              const std::string& ref_id) = 0;  // kNotFound
  // Case-insensitive substring (store/text.h fold_case, %_\ literal) of ref_id, title or
  // description; framework_id "" = all frameworks; framework id then position order;
  // at most `limit` (1..500, else kInvalid). Search text over 4000 bytes: kInvalid "q".
  virtual Result<std::vector<Requirement>> search_requirements(const std::string& search,
                                                               const std::string& framework_id,
                                                               int limit) = 0;
  // Replaces every mapping with this (source framework, target framework, origin) by
  // `mappings` (each must have those three values).
  virtual Status replace_mappings(const std::string& source_framework_id,
                                  const std::string& target_framework_id, const std::string& origin,
                                  const std::vector<RequirementMapping>& mappings) = 0;
  // Mappings where (framework_id, ref_id) is the source or the target; ref_id "" = every
  // mapping touching the framework. Ordered by source, target, origin.
  virtual Result<std::vector<RequirementMapping>> list_mappings(const std::string& framework_id,
                                                                const std::string& ref_id) = 0;

  // Documents (domain/document.h). insert/update_document write working_group_ids too.
  virtual Status insert_document(const Document& d) = 0;
  virtual Result<Document> get_document(const std::string& id) = 0;  // kNotFound
  // Writes every field when the stored version equals expected_version (else kConflict);
  // stores d.version as given.
  virtual Status update_document(const Document& d, int64_t expected_version) = 0;
  // By title (case-insensitive like AssetSort::kName), then id.
  virtual Result<std::vector<Document>> list_documents(const DocumentQuery& query) = 0;
  // insert/update write sections, citations and warnings with the version.
  // insert: kConflict on a duplicate (document_id, number).
  virtual Status insert_document_version(const DocumentVersion& v) = 0;
  virtual Result<DocumentVersion> get_document_version(const std::string& id) = 0;  // kNotFound
  virtual Status update_document_version(const DocumentVersion& v, int64_t expected_version) = 0;
  // Versions of the document by number; with_body = false leaves content.body, sections,
  // citations and warnings empty (for history lists).
  virtual Result<std::vector<DocumentVersion>> list_document_versions(
      const std::string& document_id, bool with_body) = 0;
  // Citations of the published versions of documents not archived that `scope` may
  // read; framework_id "" = all. Ordered by framework, ref, document title, section.
  virtual Result<std::vector<PublishedCitation>> list_published_citations(
      const ReadScope& scope, const std::string& framework_id) = 0;

  // Acknowledgements, keyed by (version_id, person_id). put inserts or replaces.
  virtual Status put_acknowledgement(const Acknowledgement& a) = 0;
  // By person name; person_name filled.
  virtual Result<std::vector<Acknowledgement>> list_acknowledgements(
      const std::string& version_id) = 0;
  virtual Result<std::vector<PendingAcknowledgement>> pending_acknowledgements(
      const std::string& person_id) = 0;

  // Risk methods (domain/risk_method.h): immutable versions. insert: kConflict on a
  // duplicate number. current = the highest number; nullopt before the first.
  virtual Status insert_risk_method(const RiskMethod& m) = 0;
  virtual Result<std::optional<RiskMethod>> current_risk_method() = 0;
  virtual Result<RiskMethod> get_risk_method(int64_t number) = 0;   // kNotFound
  virtual Result<std::vector<RiskMethod>> list_risk_methods() = 0;  // by number

  // Threats and vulnerabilities. Names unique per kind case-insensitively (kConflict).
  virtual Status insert_risk_source(const RiskSource& s) = 0;
  virtual Result<RiskSource> get_risk_source(const std::string& id) = 0;  // kNotFound
  virtual Status update_risk_source(const RiskSource& s, int64_t expected_version) = 0;
  // By name case-insensitively, then id.
  virtual Result<std::vector<RiskSource>> list_risk_sources(RiskSourceKind kind,
                                                            ArchivedFilter archived) = 0;

  // Risks. insert assigns r->ref ("R-" + 4+ digit sequence, never reused) and writes
  // assets and controls; get/list fill owner_name, threat_name, vulnerability_name,
  // acceptance.accepted_by_name. update writes every field when the stored version equals
  // expected_version (else kConflict); stores r.version as given. Asset, control, threat,
  // vulnerability and owner ids are not checked here (the service does).
  virtual Status insert_risk(Risk* r) = 0;
  virtual Result<Risk> get_risk(const std::string& id) = 0;  // kNotFound
  virtual Status update_risk(const Risk& r, int64_t expected_version) = 0;
  virtual Result<RiskPage> list_risks(const RiskQuery& query) = 0;
  virtual Result<std::vector<std::string>> existing_risk_ids(
      const std::vector<std::string>& ids) = 0;
  // Risks not archived, counted per (method_number, likelihood, impact) of the residual
  // (residual = true) or inherent rating; impact is RiskRating::impact().
  virtual Result<std::vector<RiskHeatCell>> risk_heat_map(bool residual) = 0;
  virtual Result<std::vector<OwnerRiskSummary>> risk_owner_summary(int appetite_rank,
                                                                   int limit) = 0;
  // Every risk (archived too) as a snapshot entry, sorted by risk_id.
  virtual Result<std::vector<RiskSnapshotEntry>> snapshot_risks() = 0;

  // Risk cycles. insert: kConflict when another cycle is open. get/list fill
  // reviewed_count and risk_count. list: newest opened_on first, then id.
  virtual Status insert_risk_cycle(const RiskCycle& c) = 0;
  virtual Result<RiskCycle> get_risk_cycle(const std::string& id) = 0;  // kNotFound
  virtual Status update_risk_cycle(const RiskCycle& c, int64_t expected_version) = 0;
  virtual Result<std::vector<RiskCycle>> list_risk_cycles() = 0;
  // Inserts or replaces the review of (cycle_id, risk_id).
  virtual Status put_risk_review(const RiskReview& r) = 0;
  // By risk ref number; risk_ref, risk_title, reviewed_by_name filled.
  virtual Result<std::vector<RiskReview>> list_risk_reviews(const std::string& cycle_id) = 0;
  // The frozen register of a closed cycle (written once; kConflict when already written).
  virtual Status insert_cycle_snapshot(const std::string& cycle_id,
                                       const std::vector<RiskSnapshotEntry>& entries) = 0;
  virtual Result<std::vector<RiskSnapshotEntry>> list_cycle_snapshot(
      const std::string& cycle_id) = 0;  // sorted by risk_id

  // Controls. insert assigns c->ref ("C-" + 4+ digits) and writes requirement keys.
  // get/list fill owner_name, risk_ids (risks not archived naming it), evidence_count and
  // valid_evidence_count (valid on `today`, YYYY-MM-DD). description_sealed as for assets.
  virtual Status insert_control(Control* c) = 0;
  virtual Result<Control> get_control(const std::string& id, const std::string& today) = 0;
  virtual Status update_control(const Control& c, int64_t expected_version) = 0;
  virtual Result<ControlPage> list_controls(const ControlQuery& query,
                                            const std::string& today) = 0;
  virtual Result<std::vector<std::string>> existing_control_ids(
      const std::vector<std::string>& ids) = 0;
  // Controls not archived naming a requirement of the framework ("" = every framework),
  // by requirement key then control ref.
  virtual Result<std::vector<RequirementControl>> requirement_controls(
      const std::string& framework_id, const std::string& today) = 0;

  // Evidence. put_evidence_blob inserts when (sha256, sealed) is absent, else does
  // nothing (content-addressed). get: kNotFound.
  virtual Status put_evidence_blob(const EvidenceBlob& blob) = 0;
  virtual Result<EvidenceBlob> get_evidence_blob(const std::string& sha256, bool sealed) = 0;
  virtual Status insert_evidence(const Evidence& e) = 0;
  virtual Result<Evidence> get_evidence(const std::string& id) = 0;  // kNotFound
  // Writes title, description, valid_from, valid_until, archived_at, version.
  virtual Status update_evidence(const Evidence& e, int64_t expected_version) = 0;
  // The control's evidence, newest first; archived only with include_archived.
  virtual Result<std::vector<Evidence>> list_evidence(const std::string& control_id,
                                                      bool include_archived) = 0;

  // Statement of Applicability. Stored lines of a framework (title filled from the
  // catalogue), in catalogue position order. put: expected_version 0 inserts (kConflict
  // when the line exists), otherwise updates when the stored version equals it; stores
  // a.version as given.
  virtual Result<std::vector<Applicability>> list_applicability(
      const std::string& framework_id) = 0;
  virtual Status put_applicability(const Applicability& a, int64_t expected_version) = 0;
  // Approved versions: insert writes the lines (kConflict on a duplicate number).
  virtual Status insert_soa(const Soa& s) = 0;
  virtual Result<Soa> get_soa(const std::string& id) = 0;  // with lines; kNotFound
  virtual Result<std::vector<Soa>> list_soas() = 0;  // newest first, without lines, totals set

  // Operational records (domain/op_record.h). insert: kConflict on a duplicate id or a
  // duplicate non-empty (kind, ref), kInvalid naming the field for a malformed kind or a
  // body over 4 MiB. get: kNotFound when absent or of another kind. update writes every
  // column but kind, id and created_at when the stored version equals expected_version
  // (kConflict naming both versions otherwise, kNotFound when absent); r.version is stored
  // as given (callers pass expected_version + 1).
  virtual Status insert_op_record(const OpRecord& r) = 0;
  virtual Result<OpRecord> get_op_record(const std::string& kind, const std::string& id) = 0;
  virtual Status update_op_record(const OpRecord& r, int64_t expected_version) = 0;
  virtual Result<std::vector<OpRecord>> list_op_records(const OpRecordQuery& query) = 0;
  virtual Result<int64_t> count_op_records(const OpRecordQuery& query) = 0;  // ignores paging
  // Next number of a named counter (1, 2, ...). Counted inside the write transaction, so
  // a rolled-back write gives its number back and references stay dense.
  virtual Result<int64_t> next_op_number(const std::string& counter) = 0;

  // Ledger. ledger_head() in a write transaction sees the latest committed entry.
  virtual Result<LedgerHead> ledger_head() = 0;
  virtual Status append_ledger(const ledger::Entry& entry) = 0;  // kConflict on duplicate seq
  // Entries with seq > after_seq in seq order, at most `limit`, only those of object_id
  // unless it is empty. limit < 1: kInvalid.
  virtual Result<std::vector<ledger::Entry>> list_ledger(int64_t after_seq, int limit,
                                                         const std::string& object_id) = 0;
  virtual Status insert_checkpoint(const ledger::Checkpoint& checkpoint) = 0;
  virtual Result<std::optional<ledger::Checkpoint>> last_checkpoint() = 0;
};

struct MigrationReport {
  int from_version = 0;  // schema version before
  int to_version = 0;    // schema version after
};

class Store {
 public:
  virtual ~Store() = default;
  virtual std::string engine() const = 0;  // "sqlite" | "postgresql"

  // Applies all pending forward-only migrations in one transaction. On failure nothing
  // is applied and the error says which migration failed and why.
  virtual Result<MigrationReport> migrate() = 0;
  // The schema version in the database and the newest this build knows.
  virtual Result<int> schema_version() = 0;
  static int latest_schema_version();

  virtual Result<std::unique_ptr<StoreTx>> begin_read() = 0;
  virtual Result<std::unique_ptr<StoreTx>> begin_write() = 0;

  // Streams the whole ledger in seq order (storage order by primary key) without loading
  // it into memory; stops early when visit returns false.
  virtual Status scan_ledger(const std::function<bool(const ledger::Entry&)>& visit) = 0;
  virtual Result<std::vector<ledger::Checkpoint>> list_checkpoints() = 0;

  // Cheap liveness check for /readyz.
  virtual Status ping() = 0;
};

// Opens the store named by `url`:
//   "sqlite:/path/to/isms.db" (created when absent) or
//   "postgresql://user@host:port/dbname?host=/socket/dir" (libpq URI).
// Errors: kInvalid for an unknown scheme, kUnavailable when the database cannot be opened.
Result<std::unique_ptr<Store>> open_store(const std::string& url);

}  // namespace isms
