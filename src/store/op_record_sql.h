// The SQL of operational records (store.h OpRecord), shared by both engines: the
// statements differ only in their placeholders ("?N" on SQLite, "$N" on PostgreSQL), so
// they are built once here and each engine passes its placeholder prefix. Also the input
// checks both engines apply before touching the database.
#pragma once

#include <string>

#include "base/error.h"
#include "store/row.h"
#include "store/store.h"

namespace isms::store_detail {

inline constexpr size_t kMaxOpRecordBody = 4u << 20;  // 4 MiB

// The 12 columns in codec order: id, kind, ref, parent_id, status, owner_id, due_at,
// archived, body, version, created_at, updated_at.
std::string op_record_select();
std::string op_record_insert(char placeholder);  // parameters: op_record_params
std::string op_record_update(char placeholder);  // parameters: op_record_update_params
SqlParams op_record_params(const OpRecord& r);
SqlParams op_record_update_params(const OpRecord& r, int64_t expected_version);
OpRecord decode_op_record(const Row& row);

// kInvalid naming the field for a malformed kind, missing id, oversized body.
Status check_op_record(const OpRecord& r);

// SELECT ... WHERE ... ORDER BY ... LIMIT for a query (kInvalid for a bad limit or kind);
// `count` builds SELECT count(*) without order and paging.
Status build_op_record_query(const OpRecordQuery& q, char placeholder, bool count, std::string* sql,
                             SqlParams* params);

}  // namespace isms::store_detail
