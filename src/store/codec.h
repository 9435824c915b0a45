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
#include "domain/people.h"
#include "ledger/entry.h"
#include "store/row.h"

namespace isms::store_detail {

// Columns: id, name, created_at.
Result<Organization> decode_organization(const Row& row);

// Columns: id, name, email, job_title, employment_status, created_at. role_ids are left
// empty; engines fill them from person_roles.
Result<Person> decode_person(const Row& row);

// Columns: id, key, name, description.
Role decode_role(const Row& row);

// Columns: id, username, person_id, password_hash, must_change_password (0/1), created_at.
User decode_user(const Row& row);

// Columns (18): id, name, type, description, owner_id, owner_name (joined), business_function,
// classification (rank 0..3), confidentiality, integrity, availability, authenticity,
// lifecycle_status, archived_at, archive_reason, version, created_at, updated_at.
// depends_on is left empty; engines fill it from asset_dependencies.
inline constexpr int kAssetColumns = 18;
Result<Asset> decode_asset(const Row& row);

// Parameters ($1..$19 / ?1..?19): id, name, type, description, owner_id, business_function,
// classification rank, confidentiality, integrity, availability, authenticity,
// lifecycle_status, archived_at, archive_reason, version, created_at, updated_at,
// search_text, name_sort (see text.h).
inline constexpr int kAssetParams = 19;
SqlParams asset_params(const Asset& asset);

// Columns and parameters: seq, at, actor, action, object_type, object_id, change,
// prev_hash, hash.
ledger::Entry decode_entry(const Row& row);
SqlParams entry_params(const ledger::Entry& entry);

// Columns and parameters: seq, hash, at, key_id, signature.
ledger::Checkpoint decode_checkpoint(const Row& row);
SqlParams checkpoint_params(const ledger::Checkpoint& checkpoint);

}  // namespace isms::store_detail
