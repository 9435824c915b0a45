#include "store/codec.h"

#include "base/json.h"
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

int64_t flag(bool b) { return b ? 1 : 0; }

}  // namespace

Result<Organization> decode_organization(const Row& row) {
  return Organization{row.text(0), row.text(1), row.text(2)};
}

std::string encode_string_list(const std::vector<std::string>& values) {
  return dump_json(Json(values));
}

Result<std::vector<std::string>> decode_string_list(const std::string& text,
                                                    const std::string& what) {
  auto parsed = parse_json(text);
  if (!parsed.ok() || !parsed->is_array()) {
    return Error::corruption(what + ": stored list is not a JSON array");
  }
  std::vector<std::string> out;
  for (const auto& v : *parsed) {
    if (!v.is_string()) return Error::corruption(what + ": stored list holds a non-string");
    out.push_back(v.get<std::string>());
  }
  return out;
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
  p.access_review_required = row.int64(6) != 0;
  p.version = row.int64(7);
  return p;
}

SqlParams person_params(const Person& p) {
  return {p.id,
          p.name,
          p.email,
          fold_case(p.email),
          p.job_title,
          std::string(employment_status_name(p.employment_status)),
          p.created_at,
          sort_key(p.name),
          flag(p.access_review_required),
          p.version};
}

Result<Role> decode_role(const Row& row) {
  Role r;
  r.id = row.text(0);
  r.key = row.text(1);
  r.name = row.text(2);
  r.description = row.text(3);
  ISMS_ASSIGN(r.permissions, decode_string_list(row.text(4), "role " + r.id + " permissions"));
  r.builtin = row.int64(5) != 0;
  return r;
}

User decode_user(const Row& row) {
  User u;
  u.id = row.text(0);
  u.username = row.text(1);
  u.person_id = row.text(2);
  u.password_hash = row.text(3);
  u.must_change_password = row.int64(4) != 0;
  u.created_at = row.text(5);
  u.disabled = row.int64(6) != 0;
  u.access_expires_at = row.opt_text(7);
  u.failed_logins = static_cast<int>(row.int64(8));
  u.locked_until = row.opt_text(9);
  u.totp_secret_sealed = row.text(10);
  u.totp_enabled = row.int64(11) != 0;
  u.totp_last_step = row.int64(12);
  u.password_changed_at = row.text(13);
  u.version = row.int64(14);
  return u;
}

SqlParams user_params(const User& u) {
  return {u.id,
          u.username,
          u.person_id,
          u.password_hash,
          flag(u.must_change_password),
          u.created_at,
          flag(u.disabled),
          sql_opt(u.access_expires_at),
          int64_t{u.failed_logins},
          sql_opt(u.locked_until),
          u.totp_secret_sealed,
          flag(u.totp_enabled),
          u.totp_last_step,
          u.password_changed_at,
          u.version};
}

Result<Session> decode_session(const Row& row) {
  Session s;
  s.id_hash = row.text(0);
  s.user_id = row.text(1);
  std::string state = row.text(2);
  auto parsed = parse_session_state(state);
  if (!parsed) return bad_value("session of user", s.user_id, "state '" + state + "'");
  s.state = *parsed;
  s.csrf_token = row.text(3);
  s.created_at = row.text(4);
  s.last_seen_at = row.text(5);
  s.expires_at = row.text(6);
  s.remote_address = row.text(7);
  s.user_agent = row.text(8);
  return s;
}

SqlParams session_params(const Session& s) {
  return {s.id_hash,    s.user_id,        std::string(session_state_name(s.state)),
          s.csrf_token, s.created_at,     s.last_seen_at,
          s.expires_at, s.remote_address, s.user_agent};
}

Result<ApiToken> decode_api_token(const Row& row) {
  ApiToken t;
  t.id = row.text(0);
  t.user_id = row.text(1);
  t.name = row.text(2);
  t.secret_hash = row.text(3);
  std::string scope = row.text(4);
  auto parsed = parse_token_scope(scope);
  if (!parsed) return bad_value("api token", t.id, "scope '" + scope + "'");
  t.scope = *parsed;
  ISMS_ASSIGN(t.registers, decode_string_list(row.text(5), "api token " + t.id + " registers"));
  t.created_at = row.text(6);
  t.expires_at = row.text(7);
  t.revoked_at = row.opt_text(8);
  t.last_used_at = row.opt_text(9);
  return t;
}

SqlParams api_token_params(const ApiToken& t) {
  return {t.id,
          t.user_id,
          t.name,
          t.secret_hash,
          std::string(token_scope_name(t.scope)),
          encode_string_list(t.registers),
          t.created_at,
          t.expires_at,
          sql_opt(t.revoked_at),
          sql_opt(t.last_used_at)};
}

AuthEvent decode_auth_event(const Row& row) {
  AuthEvent e;
  e.id = row.int64(0);
  e.at = row.text(1);
  e.kind = row.text(2);
  e.username = row.text(3);
  e.user_id = row.opt_text(4);
  e.remote_address = row.text(5);
  e.detail = row.text(6);
  return e;
}

SqlParams auth_event_params(const AuthEvent& e) {
  return {e.at, e.kind, e.username, sql_opt(e.user_id), e.remote_address, e.detail};
}

WorkingGroup decode_group(const Row& row) {
  WorkingGroup g;
  g.id = row.text(0);
  g.name = row.text(1);
  g.description = row.text(2);
  g.version = row.int64(3);
  g.created_at = row.text(4);
  g.updated_at = row.text(5);
  return g;
}

SqlParams group_params(const WorkingGroup& g) {
  return {g.id,          g.name,    fold_case(g.name), sort_key(g.name),
          g.description, g.version, g.created_at,      g.updated_at};
}

ObjectGrant decode_grant(const Row& row) {
  return ObjectGrant{row.text(0), row.text(1), row.text(2), row.text(3), row.text(4)};
}

SqlParams grant_params(const ObjectGrant& g) {
  return {g.object_type, g.object_id, g.person_id, g.granted_by, g.granted_at};
}

Result<OrganizationSettings> decode_settings(const Row& row) {
  OrganizationSettings s;
  ISMS_ASSIGN(s.mfa_required_role_keys,
              decode_string_list(row.text(0), "organization settings mfa_required_role_keys"));
  s.session_idle_minutes = static_cast<int>(row.int64(1));
  s.session_absolute_hours = static_cast<int>(row.int64(2));
  s.version = static_cast<int>(row.int64(3));
  return s;
}

SqlParams settings_params(const OrganizationSettings& s) {
  return {encode_string_list(s.mfa_required_role_keys), int64_t{s.session_idle_minutes},
          int64_t{s.session_absolute_hours}, int64_t{s.version}};
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
  a.description_sealed = row.text(18);
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
          sort_key(a.name),
          a.description_sealed};
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
