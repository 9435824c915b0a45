// PgTx: operational records (store.h OpRecord). Schema: records_schema.cc; the
// statements are shared with PostgreSQL (store/op_record_ops.h).
#include "store/op_record_ops.h"
#include "store/postgres/pg_tx.h"

namespace isms::postgres {

Status PgTx::insert_op_record(const OpRecord& r) {
  ISMS_TRY(writable());
  return atomically([&] { return store_detail::insert_op_record_on(*conn_, '$', r); });
}

Result<OpRecord> PgTx::get_op_record(const std::string& kind, const std::string& id) {
  ISMS_TRY(usable());
  return store_detail::get_op_record_on(*conn_, '$', kind, id);
}

Status PgTx::update_op_record(const OpRecord& r, int64_t expected_version) {
  ISMS_TRY(writable());
  return atomically(
      [&] { return store_detail::update_op_record_on(*conn_, '$', r, expected_version); });
}

Result<std::vector<OpRecord>> PgTx::list_op_records(const OpRecordQuery& query) {
  ISMS_TRY(usable());
  return store_detail::list_op_records_on(*conn_, '$', query);
}

Result<int64_t> PgTx::count_op_records(const OpRecordQuery& query) {
  ISMS_TRY(usable());
  return store_detail::count_op_records_on(*conn_, '$', query);
}

Result<int64_t> PgTx::next_op_number(const std::string& counter) {
  ISMS_TRY(writable());
  Result<int64_t> number = Error::internal("not counted");
  ISMS_TRY(atomically([&]() -> Status {
    number = store_detail::next_op_number_on(*conn_, '$', counter);
    return number.ok() ? ok_status() : Status(number.error());
  }));
  return number;
}

}  // namespace isms::postgres
