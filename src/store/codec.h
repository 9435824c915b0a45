// Row decoders and parameter encoders shared by both engines.
//
// Contract with the engines' SQL: each engine's SELECTs return the columns in exactly the
// order listed below, and its INSERT/UPDATE statements use the numbered parameters in the
// order the *_params functions produce. Values stored in the database that no longer
// parse (an unknown enum name, a level out of range) decode to kCorruption.
#pragma once

#include <string>

#include "base/error.h"
#include "domain/asset.h"
#include "domain/auth.h"
#include "domain/people.h"
#include "ledger/entry.h"
#include "store/row.h"

namespace isms::store_detail {

// Columns: id, name, created_at.
Result<Organization> decode_organization(const Row& row);

// Booleans travel as integers 0/1 both ways (PostgreSQL boolean columns accept "0"/"1" as
// input; its SELECTs cast them with ::integer).

// Columns: id, name, email, job_title, employment_status, created_at,
// access_review_required (0/1), version. role_ids are left empty; engines fill them from
// person_roles.
Result<Person> decode_person(const Row& row);

// Parameters: id, name, email, email_key, job_title, employment_status, created_at,
// name_sort, access_review_required (0/1), version (email_key and name_sort: text.h).
SqlParams person_params(const Person& person);

// Columns: id, key, name, description, permissions (JSON array of strings), builtin (0/1).
Result<Role> decode_role(const Row& row);

// Columns (15): id, username, person_id, password_hash, must_change_password, created_at,
// disabled, access_expires_at, failed_logins, locked_until, totp_secret_sealed,
// totp_enabled, totp_last_step, password_changed_at, version. Parameters: the same order.
inline constexpr int kUserColumns = 15;
User decode_user(const Row& row);
SqlParams user_params(const User& user);

// Columns and parameters: id_hash, user_id, state, csrf_token, created_at, last_seen_at,
// expires_at, remote_address, user_agent.
Result<Session> decode_session(const Row& row);
SqlParams session_params(const Session& session);

// Columns and parameters: id, user_id, name, secret_hash, scope, registers (JSON array),
// created_at, expires_at, revoked_at, last_used_at.
Result<ApiToken> decode_api_token(const Row& row);
SqlParams api_token_params(const ApiToken& token);

// Columns: id, at, kind, username, user_id, remote_address, detail. Parameters: the same
// without id.
AuthEvent decode_auth_event(const Row& row);
SqlParams auth_event_params(const AuthEvent& event);

// Columns: id, name, description, version, created_at, updated_at. member_ids are left
// empty; engines fill them from working_group_members. Parameters: id, name, name_key
// (fold_case), name_sort (sort_key), description, version, created_at, updated_at.
WorkingGroup decode_group(const Row& row);
SqlParams group_params(const WorkingGroup& group);

// Columns and parameters: object_type, object_id, person_id, granted_by, granted_at.
ObjectGrant decode_grant(const Row& row);
SqlParams grant_params(const ObjectGrant& grant);

// Columns and parameters: mfa_required_role_keys (JSON array), session_idle_minutes,
// session_absolute_hours, version.
Result<OrganizationSettings> decode_settings(const Row& row);
SqlParams settings_params(const OrganizationSettings& settings);

// A list of strings as stored in a text column: a JSON array.
std::string encode_string_list(const std::vector<std::string>& values);
// kCorruption (naming `what`) when the text is not a JSON array of strings.
Result<std::vector<std::string>> decode_string_list(const std::string& text,
                                                    const std::string& what);

// Columns (19): id, name, type, description, owner_id, owner_name (joined), business_function,
// classification (rank 0..3), confidentiality, integrity, availability, authenticity,
// lifecycle_status, archived_at, archive_reason, version, created_at, updated_at,
// description_sealed. depends_on and working_group_ids are left empty; engines fill them
// from asset_dependencies and asset_groups.
inline constexpr int kAssetColumns = 19;
Result<Asset> decode_asset(const Row& row);

// Parameters ($1..$20 / ?1..?20): id, name, type, description, owner_id, business_function,
// classification rank, confidentiality, integrity, availability, authenticity,
// lifecycle_status, archived_at, archive_reason, version, created_at, updated_at,
// search_text, name_sort (see text.h), description_sealed.
inline constexpr int kAssetParams = 20;
SqlParams asset_params(const Asset& asset);

// Columns and parameters: seq, at, actor, action, object_type, object_id, change,
// prev_hash, hash.
ledger::Entry decode_entry(const Row& row);
SqlParams entry_params(const ledger::Entry& entry);

// Columns and parameters: seq, hash, at, key_id, signature.
ledger::Checkpoint decode_checkpoint(const Row& row);
SqlParams checkpoint_params(const ledger::Checkpoint& checkpoint);

}  // namespace isms::store_detail
