#include "store/codec.h"

#include "store/text.h"

namespace isms::store_detail {

Status check_params(const SqlParams& params) {
  for (const auto& p : params) {
    if (const auto* s = std::get_if<std::string>(&p); s && s->find('\0') != std::string::npos) {
      Error e;
      e.code = ErrorCode::kInvalid;
      e.message = "text must not contain NUL characters";
      return e;
    }
  }
  return ok_status();
}

namespace {

Error bad_value(const std::string& table, const std::string& id, const std::string& what) {
  return Error::corruption(table + " " + id + ": stored " + what + " is not valid");
}

}  // namespace

Result<Organization> decode_organization(const Row& row) {
  return Organization{row.text(0), row.text(1), row.text(2)};
}

Result<Person> decode_person(const Row& row) {
  Person p;
  p.id = row.text(0);
  p.name = row.text(1);
  p.email = row.text(2);
  p.job_title = row.text(3);
  std::string status = row.text(4);
  if (status == employment_status_name(EmploymentStatus::kActive)) {
    p.employment_status = EmploymentStatus::kActive;
  } else if (status == employment_status_name(EmploymentStatus::kEnded)) {
    p.employment_status = EmploymentStatus::kEnded;
  } else {
    return bad_value("person", p.id, "employment_status '" + status + "'");
  }
  p.created_at = row.text(5);
  return p;
}

Role decode_role(const Row& row) {
  return Role{row.text(0), row.text(1), row.text(2), row.text(3)};
}

User decode_user(const Row& row) {
  User u;
  u.id = row.text(0);
  u.username = row.text(1);
  u.person_id = row.text(2);
  u.password_hash = row.text(3);
  u.must_change_password = row.int64(4) != 0;
  u.created_at = row.text(5);
  return u;
}

Result<Asset> decode_asset(const Row& row) {
  Asset a;
  a.id = row.text(0);
  a.name = row.text(1);
  std::string type = row.text(2);
  auto t = parse_asset_type(type);
  if (!t) return bad_value("asset", a.id, "type '" + type + "'");
  a.type = *t;
  a.description = row.text(3);
  a.owner_id = row.opt_text(4);
  a.owner_name = row.opt_text(5);
  a.business_function = row.text(6);
  int64_t rank = row.int64(7);
  if (rank < 0 || rank > 3) return bad_value("asset", a.id, "classification");
  a.classification = static_cast<Classification>(rank);
  int* levels[] = {&a.confidentiality, &a.integrity, &a.availability, &a.authenticity};
  for (int i = 0; i < 4; ++i) {
    int64_t level = row.int64(8 + i);
    if (level < kMinLevel || level > kMaxLevel) return bad_value("asset", a.id, "level");
    *levels[i] = static_cast<int>(level);
  }
  std::string status = row.text(12);
  auto s = parse_lifecycle_status(status);
  if (!s) return bad_value("asset", a.id, "lifecycle_status '" + status + "'");
  a.lifecycle_status = *s;
  a.archived_at = row.opt_text(13);
  a.archive_reason = row.opt_text(14);
  a.version = row.int64(15);
  a.created_at = row.text(16);
  a.updated_at = row.text(17);
  return a;
}

SqlParams asset_params(const Asset& a) {
  return {a.id,
          a.name,
          std::string(asset_type_name(a.type)),
          a.description,
          sql_opt(a.owner_id),
          a.business_function,
          int64_t{classification_rank(a.classification)},
          int64_t{a.confidentiality},
          int64_t{a.integrity},
          int64_t{a.availability},
          int64_t{a.authenticity},
          std::string(lifecycle_status_name(a.lifecycle_status)),
          sql_opt(a.archived_at),
          sql_opt(a.archive_reason),
          a.version,
          a.created_at,
          a.updated_at,
          asset_search_text(a),
          sort_key(a.name)};
}

ledger::Entry decode_entry(const Row& row) {
  ledger::Entry e;
  e.seq = row.int64(0);
  e.at = row.text(1);
  e.actor = row.text(2);
  e.action = row.text(3);
  e.object_type = row.text(4);
  e.object_id = row.text(5);
  e.change = row.text(6);
  e.prev_hash = row.text(7);
  e.hash = row.text(8);
  return e;
}

SqlParams entry_params(const ledger::Entry& e) {
  return {e.seq,       e.at,     e.actor,     e.action, e.object_type,
          e.object_id, e.change, e.prev_hash, e.hash};
}

ledger::Checkpoint decode_checkpoint(const Row& row) {
  ledger::Checkpoint c;
  c.seq = row.int64(0);
  c.hash = row.text(1);
  c.at = row.text(2);
  c.key_id = row.text(3);
  c.signature = row.text(4);
  return c;
}

SqlParams checkpoint_params(const ledger::Checkpoint& c) {
  return {c.seq, c.hash, c.at, c.key_id, c.signature};
}

}  // namespace isms::store_detail
