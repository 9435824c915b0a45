#include "cli/context.h"

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace isms::cli {

namespace {

std::string env_or(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::string(value) : fallback;
}

// Creates `dir` (and missing parents) when absent. Only the leaf gets mode 0700: the
// data directory holds the database and the signing key, so nobody else may list or
// read it; parents are the user's business.
Status ensure_data_dir(const std::string& dir) {
  std::error_code ec;
  if (std::filesystem::exists(dir, ec)) {
    if (!std::filesystem::is_directory(dir, ec)) {
      return Error::invalid("data", "'" + dir + "' exists and is not a directory");
    }
    return ok_status();
  }
  std::filesystem::path path(dir);
  if (path.has_parent_path() && !path.parent_path().empty()) {
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) {
      return Error::unavailable("cannot create data directory '" + dir + "': " + ec.message());
    }
  }
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    return Error::unavailable("cannot create data directory '" + dir +
                              "': " + std::strerror(errno));
  }
  // mkdir's mode is filtered by the umask; make sure the result is exactly 0700.
  if (::chmod(dir.c_str(), 0700) != 0) {
    return Error::unavailable("cannot set mode 0700 on '" + dir + "': " + std::strerror(errno));
  }
  return ok_status();
}

std::string not_initialized_message(const GlobalOptions& options) {
  return "isms is not initialized in data directory '" + options.data_dir + "' (no " +
         signing_key_path(options.data_dir) + "); run `isms init --data " + options.data_dir +
         "` first";
}

Error with_context(Error error, const std::string& prefix) {
  error.message = prefix + error.message;
  return error;
}

}  // namespace

GlobalOptions resolve(const GlobalOptions& given) {
  GlobalOptions out;
  out.data_dir = !given.data_dir.empty() ? given.data_dir : env_or("ISMS_DATA", "./data");
  // Strip trailing slashes so "<data>/isms.db" and messages read cleanly ("/" stays "/").
  while (out.data_dir.size() > 1 && out.data_dir.back() == '/') out.data_dir.pop_back();
  out.database_url = !given.database_url.empty()
                         ? given.database_url
                         : env_or("ISMS_DATABASE_URL", "sqlite:" + out.data_dir + "/isms.db");
  return out;
}

std::string signing_key_path(const std::string& data_dir) {
  return data_dir + "/ledger-signing.key";
}

Principal cli_operator() { return operator_principal(cli_actor().id); }

Actor cli_actor() {
  const uid_t uid = ::geteuid();
  // getpwuid_r: the CLI is single-threaded, but serve shares the process with the
  // HTTP server's threads, so avoid the static buffer of getpwuid.
  std::string buffer(16384, '\0');
  struct passwd pwd {};
  struct passwd* found = nullptr;
  if (::getpwuid_r(uid, &pwd, buffer.data(), buffer.size(), &found) == 0 && found != nullptr &&
      found->pw_name != nullptr && *found->pw_name != '\0') {
    return Actor{"cli:" + std::string(found->pw_name)};
  }
  return Actor{"cli:uid" + std::to_string(uid)};
}

Result<std::unique_ptr<CliContext>> CliContext::open(const GlobalOptions& options, OpenMode mode) {
  std::unique_ptr<CliContext> ctx(new CliContext());
  ctx->options_ = options;
  const std::string key_path = signing_key_path(options.data_dir);

  if (mode == OpenMode::kCreate) {
    ISMS_TRY(ensure_data_dir(options.data_dir));
  } else {
    // Checked before opening the store so that a command run in the wrong directory
    // creates no stray database file.
    std::error_code ec;
    if (!std::filesystem::exists(key_path, ec)) {
      return Error::not_found(not_initialized_message(options));
    }
  }

  auto store = open_store(options.database_url);
  if (!store.ok()) return with_context(std::move(store).error(), "cannot open the database: ");
  ctx->store_ = std::move(store).value();

  auto migrated = ctx->store_->migrate();
  if (!migrated.ok()) {
    Error error = with_context(std::move(migrated).error(), "database migration failed: ");
    // Migrations run in one transaction (Store::migrate), so say what that means for the
    // operator deciding what to do next.
    error.message += " (nothing was applied; the database is unchanged)";
    return error;
  }
  ctx->migration_ = *migrated;

  // The key is loaded after a successful migration so that a database that cannot be
  // used leaves no new key file behind.
  auto signer = ledger::Signer::load(key_path, mode == OpenMode::kCreate);
  if (!signer.ok()) {
    return with_context(std::move(signer).error(), "ledger signing key " + key_path + ": ");
  }
  ctx->signer_ = std::make_unique<ledger::Signer>(std::move(signer).value());

  // Content key: ISMS_CONTENT_KEY or <data>/content-keys (created with the data directory).
  auto keyring = load_keyring(options.data_dir, /*create=*/true);
  if (!keyring.ok()) {
    Error e = std::move(keyring).error();
    e.message = "content encryption key: " + e.message;
    return e;
  }
  ctx->keyring_ = std::move(keyring).value();
  ctx->clock_ = make_process_clock(&ctx->fake_clock_path_);
  ctx->services_ =
      ServiceContext{ctx->store_.get(), ctx->clock_.get(), ctx->signer_.get(), ctx->keyring_.get()};
  return ctx;
}

}  // namespace isms::cli
