// SqliteTx: StoreTx on one pooled SQLite connection. A read transaction is a deferred
// BEGIN (a WAL snapshot taken at the first read); a write transaction is BEGIN IMMEDIATE,
// taken while holding the store's in-process writer mutex, so writers queue in-process on
// the mutex and across processes on SQLite's write lock (busy_timeout 5 s).
//
// Each write method is atomic on its own (a SAVEPOINT around multi-statement writes): on
// error it leaves the transaction as it was. Destroying an uncommitted SqliteTx rolls back.
// Implemented across sqlite_tx.cc (lifecycle, organization, people, roles),
// sqlite_auth.cc (users, recovery codes, sessions, API tokens, authentication events),
// sqlite_access.cc (working groups, grants, settings, sealed values), sqlite_assets.cc,
// sqlite_catalogue.cc (frameworks, requirements, mappings), sqlite_documents.cc
// (documents, versions, published citations, acknowledgements) and sqlite_ledger.cc.
#pragma once

#include <functional>
#include <memory>
#include <mutex>

#include "store/pool.h"
#include "store/sqlite/sqlite_conn.h"
#include "store/store.h"

namespace isms::sqlite {

using SqlitePool = store_detail::ConnectionPool<SqliteConn>;

class SqliteTx final : public StoreTx {
 public:
  // REQUIRES: `conn` is inside BEGIN (read) or BEGIN IMMEDIATE (write, with `write_lock`
  // held on `*writer`). The transaction keeps `writer` alive until it ends.
  SqliteTx(SqlitePool::Lease conn, std::shared_ptr<std::timed_mutex> writer,
           std::unique_lock<std::timed_mutex> write_lock, bool write);
  ~SqliteTx() override;

  Status commit() override;

  Result<std::optional<Organization>> get_organization() override;
  Status insert_organization(const Organization& org) override;

  Status insert_person(const Person& person) override;
  Result<Person> get_person(const std::string& id) override;
  Result<std::vector<Person>> list_persons() override;
  Result<int64_t> count_persons() override;
  Status insert_role(const Role& role) override;
  Result<std::vector<Role>> list_roles() override;
  Status update_person(const Person& person, int64_t expected_version) override;
  Result<Role> get_role(const std::string& id) override;
  Status update_role(const Role& role) override;
  Status delete_role(const std::string& id) override;

  Status insert_user(const User& user) override;
  Result<std::optional<User>> find_user(const std::string& username) override;
  Result<std::optional<User>> get_user(const std::string& id) override;
  Result<std::vector<User>> list_users() override;
  Result<std::vector<User>> users_of_person(const std::string& person_id) override;
  Status update_user(const User& user) override;

  Status replace_recovery_codes(const std::string& user_id,
                                const std::vector<std::string>& code_hashes) override;
  Result<bool> consume_recovery_code(const std::string& user_id, const std::string& code_hash,
                                     const std::string& at) override;
  Result<int64_t> count_unused_recovery_codes(const std::string& user_id) override;

  Status insert_session(const Session& session) override;
  Result<std::optional<Session>> find_session(const std::string& id_hash) override;
  Status update_session(const Session& session) override;
  Status delete_session(const std::string& id_hash) override;
  Result<int64_t> delete_sessions_of_user(const std::string& user_id) override;
  Result<std::vector<Session>> list_sessions_of_user(const std::string& user_id) override;
  Result<int64_t> delete_expired_sessions(const std::string& now) override;

  Status insert_api_token(const ApiToken& token) override;
  Result<std::optional<ApiToken>> find_api_token(const std::string& id) override;
  Result<std::vector<ApiToken>> list_api_tokens(const std::string& user_id) override;
  Status update_api_token(const ApiToken& token) override;
  Result<int64_t> revoke_api_tokens_of_user(const std::string& user_id,
                                            const std::string& at) override;

  Result<int64_t> insert_auth_event(const AuthEvent& event) override;
  Result<std::vector<AuthEvent>> list_auth_events(int64_t before_id, int limit,
                                                  const std::string& user_id) override;

  Status insert_group(const WorkingGroup& group) override;
  Result<WorkingGroup> get_group(const std::string& id) override;
  Status update_group(const WorkingGroup& group, int64_t expected_version) override;
  Result<std::vector<WorkingGroup>> list_groups() override;
  Result<std::vector<std::string>> groups_of_person(const std::string& person_id) override;

  Status insert_grant(const ObjectGrant& grant) override;
  Status delete_grant(const std::string& object_type, const std::string& object_id,
                      const std::string& person_id) override;
  Result<std::vector<ObjectGrant>> list_grants(const std::string& object_type,
                                               const std::string& object_id) override;
  Result<std::vector<ObjectGrant>> list_grants_of_person(const std::string& person_id) override;

  Result<OrganizationSettings> get_settings() override;
  Status put_settings(const OrganizationSettings& settings) override;

  Result<std::vector<SealedValue>> list_sealed_values(const std::optional<SealedValue>& after,
                                                      int limit) override;
  Status update_sealed_value(const SealedValue& value) override;

  Status insert_asset(const Asset& asset) override;
  Result<Asset> get_asset(const std::string& id) override;
  Status update_asset(const Asset& asset, int64_t expected_version) override;
  Result<AssetPage> list_assets(const AssetQuery& query) override;
  Result<std::vector<std::string>> existing_asset_ids(const std::vector<std::string>& ids) override;
  Result<AssetCounts> count_assets(const ReadScope& scope) override;

  // Catalogue (sqlite_catalogue.cc).
  Status upsert_framework(const Framework& f) override;
  Result<Framework> get_framework(const std::string& id) override;
  Result<std::optional<Framework>> find_framework_by_urn(const std::string& urn) override;
  Result<std::vector<Framework>> list_frameworks() override;
  Status upsert_requirements(const std::vector<Requirement>& requirements) override;
  Status delete_requirements(const std::string& framework_id,
                             const std::vector<std::string>& ref_ids) override;
  Result<std::vector<Requirement>> list_requirements(const std::string& framework_id) override;
  Result<Requirement> get_requirement(const std::string& framework_id,
                                      const std::string& ref_id) override;
  Result<std::vector<Requirement>> search_requirements(const std::string& search,
                                                       const std::string& framework_id,
                                                       int limit) override;
  Status replace_mappings(const std::string& source_framework_id,
                          const std::string& target_framework_id, const std::string& origin,
                          const std::vector<RequirementMapping>& mappings) override;
  Result<std::vector<RequirementMapping>> list_mappings(const std::string& framework_id,
                                                        const std::string& ref_id) override;

  // Documents and acknowledgements (sqlite_documents.cc).
  Status insert_document(const Document& d) override;
  Result<Document> get_document(const std::string& id) override;
  Status update_document(const Document& d, int64_t expected_version) override;
  Result<std::vector<Document>> list_documents(const DocumentQuery& query) override;
  Status insert_document_version(const DocumentVersion& v) override;
  Result<DocumentVersion> get_document_version(const std::string& id) override;
  Status update_document_version(const DocumentVersion& v, int64_t expected_version) override;
  Result<std::vector<DocumentVersion>> list_document_versions(const std::string& document_id,
                                                              bool with_body) override;
  Result<std::vector<PublishedCitation>> list_published_citations(
      const ReadScope& scope, const std::string& framework_id) override;
  Status put_acknowledgement(const Acknowledgement& a) override;
  Result<std::vector<Acknowledgement>> list_acknowledgements(
      const std::string& version_id) override;
  Result<std::vector<PendingAcknowledgement>> pending_acknowledgements(
      const std::string& person_id) override;

  // Risk register, risk cycles, controls, evidence, SoA (issue 5): see store.h.
  Status insert_risk_method(const RiskMethod& m) override;
  Result<std::optional<RiskMethod>> current_risk_method() override;
  Result<RiskMethod> get_risk_method(int64_t number) override;
  Result<std::vector<RiskMethod>> list_risk_methods() override;
  Status insert_risk_source(const RiskSource& s) override;
  Result<RiskSource> get_risk_source(const std::string& id) override;
  Status update_risk_source(const RiskSource& s, int64_t expected_version) override;
  Result<std::vector<RiskSource>> list_risk_sources(RiskSourceKind kind,
                                                    ArchivedFilter archived) override;
  Status insert_risk(Risk* r) override;
  Result<Risk> get_risk(const std::string& id) override;
  Status update_risk(const Risk& r, int64_t expected_version) override;
  Result<RiskPage> list_risks(const RiskQuery& query) override;
  Result<std::vector<std::string>> existing_risk_ids(const std::vector<std::string>& ids) override;
  Result<std::vector<RiskHeatCell>> risk_heat_map(bool residual) override;
  Result<std::vector<OwnerRiskSummary>> risk_owner_summary(int appetite_rank, int limit) override;
  Result<std::vector<RiskSnapshotEntry>> snapshot_risks() override;
  Status insert_risk_cycle(const RiskCycle& c) override;
  Result<RiskCycle> get_risk_cycle(const std::string& id) override;
  Status update_risk_cycle(const RiskCycle& c, int64_t expected_version) override;
  Result<std::vector<RiskCycle>> list_risk_cycles() override;
  Status put_risk_review(const RiskReview& r) override;
  Result<std::vector<RiskReview>> list_risk_reviews(const std::string& cycle_id) override;
  Status insert_cycle_snapshot(const std::string& cycle_id,
                               const std::vector<RiskSnapshotEntry>& entries) override;
  Result<std::vector<RiskSnapshotEntry>> list_cycle_snapshot(const std::string& cycle_id) override;
  Status insert_control(Control* c) override;
  Result<Control> get_control(const std::string& id, const std::string& today) override;
  Status update_control(const Control& c, int64_t expected_version) override;
  Result<ControlPage> list_controls(const ControlQuery& query, const std::string& today) override;
  Result<std::vector<std::string>> existing_control_ids(
      const std::vector<std::string>& ids) override;
  Result<std::vector<RequirementControl>> requirement_controls(const std::string& framework_id,
                                                               const std::string& today) override;
  Status put_evidence_blob(const EvidenceBlob& blob) override;
  Result<EvidenceBlob> get_evidence_blob(const std::string& sha256, bool sealed) override;
  Status insert_evidence(const Evidence& e) override;
  Result<Evidence> get_evidence(const std::string& id) override;
  Status update_evidence(const Evidence& e, int64_t expected_version) override;
  Result<std::vector<Evidence>> list_evidence(const std::string& control_id,
                                              bool include_archived) override;
  Result<std::vector<Applicability>> list_applicability(const std::string& framework_id) override;
  Status put_applicability(const Applicability& a, int64_t expected_version) override;
  Status insert_soa(const Soa& s) override;
  Result<Soa> get_soa(const std::string& id) override;
  Result<std::vector<Soa>> list_soas() override;

  Status insert_op_record(const OpRecord& r) override;
  Result<OpRecord> get_op_record(const std::string& kind, const std::string& id) override;
  Status update_op_record(const OpRecord& r, int64_t expected_version) override;
  Result<std::vector<OpRecord>> list_op_records(const OpRecordQuery& query) override;
  Result<int64_t> count_op_records(const OpRecordQuery& query) override;
  Result<int64_t> next_op_number(const std::string& counter) override;
  Result<LedgerHead> ledger_head() override;
  Status append_ledger(const ledger::Entry& entry) override;
  Result<std::vector<ledger::Entry>> list_ledger(int64_t after_seq, int limit,
                                                 const std::string& object_id) override;
  Status insert_checkpoint(const ledger::Checkpoint& checkpoint) override;
  Result<std::optional<ledger::Checkpoint>> last_checkpoint() override;

 private:
  Status usable() const;    // kInternal after commit
  Status writable() const;  // usable() and a write transaction
  // Runs `body` inside a savepoint: all of it or, on error, none of it.
  Status atomically(const std::function<Status()>& body);
  Status write_dependencies(const Asset& asset);
  Status write_asset_groups(const Asset& asset);
  // Fills depends_on and working_group_ids.
  Status load_dependencies(std::vector<Asset>* assets);
  Status load_person_roles(std::vector<Person>* persons);
  Status write_person_roles(const Person& person);
  Status write_group_members(const WorkingGroup& group);
  Status load_group_members(std::vector<WorkingGroup>* groups);
  Result<std::vector<User>> query_users(const std::string& where_and_order,
                                        const store_detail::SqlParams& params);
  void finish();  // returns the connection and the writer lock

  SqlitePool::Lease conn_;
  std::shared_ptr<std::timed_mutex> writer_;  // declared before the lock: outlives it
  std::unique_lock<std::timed_mutex> write_lock_;
  bool write_;
  bool done_ = false;
};

}  // namespace isms::sqlite
