#include "store/postgres/pg_conn.h"

#include <cstdlib>
#include <vector>

namespace isms::postgres {

namespace {

class ResultRow final : public store_detail::Row {
 public:
  ResultRow(const PGresult* res, int row) : res_(res), row_(row) {}
  bool is_null(int col) const override { return PQgetisnull(res_, row_, col) != 0; }
  std::string text(int col) const override {
    return std::string(PQgetvalue(res_, row_, col),
                       static_cast<size_t>(PQgetlength(res_, row_, col)));
  }
  int64_t int64(int col) const override {
    return std::strtoll(PQgetvalue(res_, row_, col), nullptr, 10);
  }

 private:
  const PGresult* res_;
  int row_;
};

Error with_code(ErrorCode code, std::string message) {
  Error e;
  e.code = code;
  e.message = std::move(message);
  return e;
}

ErrorCode code_for_sqlstate(const std::string& state) {
  if (state == "23505") return ErrorCode::kConflict;  // unique_violation
  if (state.rfind("23", 0) == 0 || state.rfind("22", 0) == 0) return ErrorCode::kInvalid;
  if (state.rfind("08", 0) == 0 || state.rfind("53", 0) == 0 || state.rfind("57", 0) == 0 ||
      state == "55P03" || state == "40001" || state == "40P01") {
    return ErrorCode::kUnavailable;  // connection, resources, shutdown, lock timeout, retry
  }
  if (state == "XX001" || state == "XX002") return ErrorCode::kCorruption;
  return ErrorCode::kInternal;
}

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

void ignore_notice(void*, const char*) {}

}  // namespace

std::string redact_url(const std::string& url) {
  size_t scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  size_t at = url.find('@', scheme + 3);
  size_t slash = url.find('/', scheme + 3);
  if (at == std::string::npos || (slash != std::string::npos && slash < at)) return url;
  size_t colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

Result<std::unique_ptr<PgConn>> PgConn::connect(const std::string& url) {
  // The password, if any, so it can be scrubbed from libpq's messages.
  std::string password;
  char* parse_error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &parse_error);
  if (options == nullptr) {
    std::string msg = parse_error != nullptr ? trim(parse_error) : "cannot parse";
    PQfreemem(parse_error);
    return Error::invalid("url", "invalid PostgreSQL URL: " + msg);
  }
  for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (std::string_view(o->keyword) == "password" && o->val != nullptr) password = o->val;
  }
  PQconninfoFree(options);

  // Later entries override earlier ones: the URL may override connect_timeout, while the
  // client encoding is always UTF-8.
  const char* keys[] = {"connect_timeout", "application_name", "dbname", "client_encoding",
                        nullptr};
  const char* values[] = {"5", "isms", url.c_str(), "UTF8", nullptr};
  PGconn* raw = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
  if (raw == nullptr) return Error::unavailable("cannot connect to PostgreSQL: out of memory");
  std::unique_ptr<PgConn> conn(new PgConn(raw));
  if (PQstatus(raw) != CONNECTION_OK) {
    std::string msg = trim(PQerrorMessage(raw));
    if (!password.empty()) {
      for (size_t pos; (pos = msg.find(password)) != std::string::npos;) {
        msg.replace(pos, password.size(), "***");
      }
    }
    return Error::unavailable("cannot connect to PostgreSQL at " + redact_url(url) + ": " + msg);
  }
  PQsetNoticeProcessor(raw, ignore_notice, nullptr);
  return conn;
}

PgConn::~PgConn() { PQfinish(conn_); }

Error PgConn::error_from(const PGresult* res) const {
  const char* state = res != nullptr ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  const char* primary = res != nullptr ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  if (state == nullptr || PQstatus(conn_) != CONNECTION_OK) {
    return Error::unavailable("PostgreSQL connection failed: " + trim(PQerrorMessage(conn_)));
  }
  std::string msg = "postgresql: " + std::string(primary != nullptr ? primary : "error");
  if (const char* detail = PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL)) {
    msg += " (" + std::string(detail) + ")";
  }
  return with_code(code_for_sqlstate(state), msg + " [" + state + "]");
}

Result<PgConn::ResultPtr> PgConn::check(PGresult* raw) {
  ResultPtr res(raw, &PQclear);
  ExecStatusType st = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return res;
  return error_from(res.get());
}

Status PgConn::exec_script(const std::string& sql) {
  ISMS_TRY(check(PQexec(conn_, sql.c_str())));
  return ok_status();
}

Status PgConn::query_script(const std::string& sql, const RowFn& on_row) {
  ISMS_ASSIGN(ResultPtr res, check(PQexec(conn_, sql.c_str())));
  for (int r = 0, n = PQntuples(res.get()); r < n; ++r) ISMS_TRY(on_row(ResultRow(res.get(), r)));
  return ok_status();
}

Result<PgConn::ResultPtr> PgConn::run(std::string_view sql, const SqlParams& params, bool prepare) {
  ISMS_TRY(store_detail::check_params(params));
  std::vector<std::string> numbers;  // storage for integer parameters in text form
  numbers.reserve(params.size());
  std::vector<const char*> values(params.size(), nullptr);
  std::vector<int> lengths(params.size(), 0);
  std::vector<int> formats(params.size(), 0);  // 0 text; 1 binary (bytes: bytea as is)
  for (size_t i = 0; i < params.size(); ++i) {
    if (const auto* n = std::get_if<int64_t>(&params[i])) {
      numbers.push_back(std::to_string(*n));
      values[i] = numbers.back().c_str();
    } else if (const auto* s = std::get_if<std::string>(&params[i])) {
      values[i] = s->c_str();
      lengths[i] = static_cast<int>(s->size());
    } else if (const auto* b = std::get_if<store_detail::SqlBytes>(&params[i])) {
      values[i] = b->bytes.data();
      lengths[i] = static_cast<int>(b->bytes.size());
      formats[i] = 1;
    }
  }
  int n = static_cast<int>(params.size());
  std::string key(sql);
  auto it = prepared_.find(key);
  if (it == prepared_.end() && prepare && prepared_.size() < kMaxPreparedStatements) {
    std::string name = "isms_" + std::to_string(prepared_.size() + 1);
    ISMS_TRY(check(PQprepare(conn_, name.c_str(), key.c_str(), 0, nullptr)));
    it = prepared_.emplace(key, name).first;
  }
  if (it != prepared_.end()) {
    return check(PQexecPrepared(conn_, it->second.c_str(), n, values.data(), lengths.data(),
                                formats.data(), 0));
  }
  return check(PQexecParams(conn_, key.c_str(), n, nullptr, values.data(), lengths.data(),
                            formats.data(), 0));
}

Result<int64_t> PgConn::exec(std::string_view sql, const SqlParams& params, bool prepare) {
  ISMS_ASSIGN(ResultPtr res, run(sql, params, prepare));
  return static_cast<int64_t>(std::strtoll(PQcmdTuples(res.get()), nullptr, 10));
}

Status PgConn::query(std::string_view sql, const SqlParams& params, const RowFn& on_row,
                     bool prepare) {
  ISMS_ASSIGN(ResultPtr res, run(sql, params, prepare));
  for (int r = 0, n = PQntuples(res.get()); r < n; ++r) ISMS_TRY(on_row(ResultRow(res.get(), r)));
  return ok_status();
}

}  // namespace isms::postgres
