// isms_bench_operations: running the ISMS (issue 6) over a store seeded through the services
// the server uses, each figure next to a reference measured in the same run
// (docs/performance.md, "Running the ISMS"). Run through bench/operations.sh, which prints
// the summary table with the ratios.
//
//   isms_bench_operations [--data DIR] [--facts FILE] [--scale X] [size flags]
//                         [Google Benchmark flags]
//
// Without --data the store is seeded into a temporary directory and removed at the end;
// with --data it is seeded there once and reused by later runs (same sizes only). The
// clock is fixed at kNow (a Monday morning, so the weekly digest is due); the
// organization's zone is Europe/Berlin. --facts writes what was seeded, how long it took
// and the process's RSS as JSON. Sizes (defaults; --scale multiplies them all):
// --persons 200, --activities 2000, --audits 250, --findings 10000 (40 % raised in audits),
// --extra-actions 5000 (second corrective actions; 15,000 in all), --incidents 5000,
// --events 1000, --exceptions 1000, --objectives 50, --measurements 20000,
// --deliveries 20000.
//
// Seeding goes through the services (CalendarService::create/complete/skip, AuditService,
// IncidentService, ExceptionService, ObjectiveService, ManagementReviewService,
// NotificationService) acting as a CISO user, with the clock moved to each record's day, so
// every record, ledger entry and derived column is what the server would have written over
// two years. One exception: the delivery history (--deliveries, a year of sent reminders)
// is written straight through StoreTx::insert_op_record with the service's own
// delivery_record() bodies and ledger entries; today's deliveries come from run_due.
//
// Benchmark names are "<group>/<what>"; "<group>/ref:<what>" is a reference, and every
// other row of the group is divided by the group's references in the summary:
//
//   agenda            calendar_agenda (what GET /api/v1/calendar/agenda computes, less the
//                     JSON) for the next 30 and 90 days over the seeded store (2,000
//                     activities and the dated records of the other modules). Reference:
//                     one StoreTx::list_op_records of every active activity (the agenda's
//                     first read, the floor of reading them).
//   agenda-default    the same over a freshly initialized store (the policy's default
//                     calendar of 12 activities); reference: its list_op_records.
//   dashboard         operations_summary (the "operations" part of GET /api/v1/dashboard on
//                     a cache miss) as the CISO, and its calendar part alone (an agenda
//                     from 365 days back to 30 ahead). Reference: a raw
//                     "SELECT count(*) FROM op_records" through sqlite3's C API.
//   findings, actions, incidents, exceptions, deliveries
//                     the services' lists as the routes call them, JSON built and
//                     serialized (the routes' work less HTTP), and a StoreTx page of 50 of
//                     the same rows. Reference: the raw "SELECT ... FROM op_records WHERE
//                     kind = ... ORDER BY ... LIMIT 50" of that list through sqlite3.
//   notifications     NotificationService::run_due with a recording transport: the steady
//                     state (every reminder already planned: what the reminder thread does
//                     each minute) and the day's first pass (today's deliveries deleted
//                     between iterations, untimed: plans them all and sends the first
//                     batch of 100); calendar_agenda + plan_messages alone. Reference: the
//                     agenda read the plan makes (today - 1 .. today + 30, system).
//   audit-report      AuditService::report_pdf and report of the completed audit with the
//                     most findings. Reference: the report's text (every string of its JSON
//                     form, one per line) as one Pango layout on A4 pages of a cairo PDF.
//   incident-report   render_incident_report_pdf of a filed report's frozen document,
//                     IncidentService::report_file (pdf, json: the frozen bytes),
//                     IncidentService::file_report (freeze, render, store; rotating over
//                     the open incidents). Reference: Pango PDF of the frozen document's
//                     text.
#include <benchmark/benchmark.h>
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <sqlite3.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "base/content_cipher.h"
#include "base/crypto.h"
#include "base/time.h"
#include "base/time_zone.h"
#include "domain/calendar.h"
#include "domain/notification.h"
#include "domain/objective_input.h"
#include "domain/policy_exception.h"
#include "ledger/signer.h"
#include "render/incident_report.h"
#include "service/audit_service.h"
#include "service/auth_records.h"
#include "service/calendar_agenda.h"
#include "service/calendar_service.h"
#include "service/context.h"
#include "service/delivery_transport.h"
#include "service/exception_service.h"
#include "service/incident_service.h"
#include "service/ledger_recorder.h"
#include "service/management_review_service.h"
#include "service/notification_plan.h"
#include "service/notification_records.h"
#include "service/notification_service.h"
#include "service/objective_service.h"
#include "service/operations_summary.h"
#include "service/organization_service.h"
#include "service/person_service.h"
#include "service/role_service.h"
#include "service/time_zone_setting.h"
#include "service/user_admin_service.h"
#include "store/store.h"

namespace fs = std::filesystem;
using namespace isms;

namespace {

// A Monday, 08:30 in Berlin: the weekly digest (Monday 07:00 local) is due.
constexpr const char* kNow = "2026-11-30T07:30:00.000000Z";
constexpr const char* kZone = "Europe/Berlin";

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "isms_bench_operations: %s\n", what.c_str());
  std::exit(1);
}

std::string describe(const Error& e) {
  std::string out = e.message;
  for (const auto& d : e.details) out += " [" + d.field + ": " + d.message + "]";
  return out;
}

template <typename T>
T must(Result<T> r, const std::string& what) {
  if (!r) fail(what + ": " + describe(r.error()));
  return std::move(*r);
}

void check(const Status& s, const std::string& what) {
  if (!s) fail(what + ": " + describe(s.error()));
}

std::string day_plus(const std::string& day, int64_t n) {
  return must(add_days(day, n), "add_days");
}

int64_t days_from_to(const std::string& a, const std::string& b) {
  return must(days_between(a, b), "days_between");
}

// The current time is whatever the seeding (or a benchmark) set: records get the day they
// would have had.
class BenchClock final : public Clock {
 public:
  int64_t now_micros() const override { return micros_.load(std::memory_order_relaxed); }
  void set(const std::string& rfc3339) {
    int64_t m = 0;
    if (!parse_utc_micros(rfc3339, &m)) fail("bad instant " + rfc3339);
    micros_.store(m, std::memory_order_relaxed);
  }
  void set_day(const std::string& day, int hour, int minute = 0) {
    char text[48];
    std::snprintf(text, sizeof text, "%sT%02d:%02d:00Z", day.c_str(), hour, minute);
    set(text);
  }

 private:
  std::atomic<int64_t> micros_{0};
};

// What would have been sent is counted, never sent.
class RecordingTransport final : public DeliveryTransport {
 public:
  Status send_email(const SmtpConfig&, const std::string&,
                    const std::string& message) const override {
    mails.fetch_add(1, std::memory_order_relaxed);
    bytes.fetch_add(static_cast<int64_t>(message.size()), std::memory_order_relaxed);
    return ok_status();
  }
  Status post_webhook(const WebhookRequest& request) const override {
    hooks.fetch_add(1, std::memory_order_relaxed);
    bytes.fetch_add(static_cast<int64_t>(request.body.size()), std::memory_order_relaxed);
    return ok_status();
  }
  mutable std::atomic<int64_t> mails{0}, hooks{0}, bytes{0};
};

class Rng {
 public:
  explicit Rng(uint64_t seed) : g_(seed) {}
  int64_t between(int64_t lo, int64_t hi) {  // inclusive
    return std::uniform_int_distribution<int64_t>(lo, hi)(g_);
  }
  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(g_) < p; }
  template <typename T>
  const T& pick(const std::vector<T>& v) {
    return v[static_cast<size_t>(between(0, static_cast<int64_t>(v.size()) - 1))];
  }

 private:
  std::mt19937_64 g_;
};

// ---------------------------------------------------------------------------------------
// Stores

// A SQLite store in `dir`, initialized as `isms init` does, with a CISO user whose
// principal reads and writes everything of issue 6.
class Env {
 public:
  explicit Env(const fs::path& dir) : dir_(dir) {
    fs::create_directories(dir);
    clock.set(kNow);
    store = must(open_store("sqlite:" + db_path()), "open store");
    must(store->migrate(), "migrate");
    signer = std::make_unique<ledger::Signer>(
        must(ledger::Signer::load((dir / "ledger-signing.key").string(), true), "signer"));
    keyring = must(load_keyring(dir.string(), true), "keyring");
    ctx = ServiceContext{store.get(), &clock, signer.get(), keyring.get()};
    InitResult init =
        must(OrganizationService(ctx).initialize(Actor{"cli:bench"}, "Bench Org"), "initialize");
    fresh = init.created;
    if (fresh) {
      must(CalendarService(ctx).set_time_zone(op, kZone), "time zone");
      std::string role;
      for (const Role& r : must(RoleService(ctx).list(op), "roles")) {
        if (r.key == "ciso") role = r.id;
      }
      PersonFields f;
      f.name = "Casey Ciso";
      f.email = "ciso@example.test";
      f.job_title = "CISO";
      f.role_ids = std::vector<std::string>{role};
      Person person = must(PersonService(ctx).create(op, f), "CISO person");
      must(UserAdminService(ctx).create(op, UserCreateRequest{"bench-ciso", person.id, {}}),
           "CISO user");
    }
    auto tx = must(store->begin_read(), "begin_read");
    auto user = must(tx->find_user("bench-ciso"), "find CISO");
    if (!user) fail(dir.string() + " has no user bench-ciso: not a store of this benchmark");
    ciso = must(principal_for_user(tx.get(), *user), "CISO principal");
    today = must(organization_today(ctx, *tx), "today");
  }
  Env(const Env&) = delete;
  Env& operator=(const Env&) = delete;

  std::string db_path() const { return (dir_ / "isms.db").string(); }
  const fs::path& dir() const { return dir_; }

  BenchClock clock;
  std::unique_ptr<Store> store;
  std::unique_ptr<ledger::Signer> signer;
  std::unique_ptr<ContentKeyring> keyring;
  ServiceContext ctx{};
  Principal op = operator_principal("cli:bench");
  Principal ciso;
  std::string today;  // the organization's day at kNow
  bool fresh = false;

 private:
  fs::path dir_;
};

// The reference: the database's own C API, no store in between.
class SqliteRaw {
 public:
  SqliteRaw(const std::string& path, bool writable) {
    int flags = (writable ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY) | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      fail("sqlite open " + path);
    }
    // The store's read pragmas (sqlite_store.cc) so both read the same way.
    sqlite3_exec(db_, "PRAGMA cache_size=-16000; PRAGMA mmap_size=268435456;", nullptr, nullptr,
                 nullptr);
    sqlite3_busy_timeout(db_, 10000);
  }
  ~SqliteRaw() { sqlite3_close_v2(db_); }
  SqliteRaw(const SqliteRaw&) = delete;
  SqliteRaw& operator=(const SqliteRaw&) = delete;

  // Runs sql and reads every column of every row as text; returns the rows.
  int64_t run(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      fail("prepare " + sql + ": " + sqlite3_errmsg(db_));
    }
    int64_t rows = 0;
    size_t bytes = 0;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      ++rows;
      for (int i = 0, n = sqlite3_column_count(stmt); i < n; ++i) {
        const unsigned char* text = sqlite3_column_text(stmt, i);
        if (text) bytes += static_cast<size_t>(sqlite3_column_bytes(stmt, i));
      }
    }
    sqlite3_finalize(stmt);
    benchmark::DoNotOptimize(bytes);
    return rows;
  }
  void exec(const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      std::string message = error ? error : "?";
      sqlite3_free(error);
      fail(sql + ": " + message);
    }
  }

 private:
  sqlite3* db_ = nullptr;
};

// ---------------------------------------------------------------------------------------
// Seeding

struct Sizes {
  int64_t persons = 200, activities = 2000, audits = 250, findings = 10000, extra_actions = 5000,
          incidents = 5000, events = 1000, exceptions = 1000, objectives = 50, measurements = 20000,
          deliveries = 20000;

  Json to_json() const {
    return Json{{"persons", persons},
                {"activities", activities},
                {"audits", audits},
                {"findings", findings},
                {"extra_actions", extra_actions},
                {"incidents", incidents},
                {"events", events},
                {"exceptions", exceptions},
                {"objectives", objectives},
                {"measurements", measurements},
                {"deliveries", deliveries}};
  }
  void scale(double f) {
    for (int64_t* v : {&persons, &activities, &audits, &findings, &extra_actions, &incidents,
                       &events, &exceptions, &objectives, &measurements, &deliveries}) {
      *v = std::max<int64_t>(1, static_cast<int64_t>(static_cast<double>(*v) * f + 0.5));
    }
    persons = std::max<int64_t>(persons, 12);
    objectives = std::max<int64_t>(objectives, 6);
    audits = std::max<int64_t>(audits, 16);
  }
};

const std::vector<std::string>& annex_a() {
  static const std::vector<std::string> keys = {
      "iso27001-2022:A.5.1",  "iso27001-2022:A.5.9",  "iso27001-2022:A.5.15",
      "iso27001-2022:A.5.18", "iso27001-2022:A.5.19", "iso27001-2022:A.5.23",
      "iso27001-2022:A.5.24", "iso27001-2022:A.5.30", "iso27001-2022:A.6.3",
      "iso27001-2022:A.7.4",  "iso27001-2022:A.8.5",  "iso27001-2022:A.8.7",
      "iso27001-2022:A.8.8",  "iso27001-2022:A.8.13", "iso27001-2022:A.8.15",
      "iso27001-2022:A.8.16", "iso27001-2022:A.8.24", "iso27001-2022:A.8.32"};
  return keys;
}

const std::vector<std::string>& systems() {
  static const std::vector<std::string> s = {
      "the ERP",        "the VPN gateway", "the HR portal",      "the CRM",
      "the build farm", "the mail relay",  "the payroll system", "the customer portal",
      "the data lake",  "the AD forest",   "the backup vault",   "the ticketing system"};
  return s;
}

const std::vector<std::string>& duties() {
  static const std::vector<std::string> d = {"Review firewall rules",
                                             "Check backup completion",
                                             "Patch compliance report",
                                             "Access review",
                                             "Vulnerability scan triage",
                                             "Log review",
                                             "Supplier security check",
                                             "Restore test",
                                             "Phishing simulation",
                                             "Privileged account review",
                                             "Certificate expiry check",
                                             "Asset inventory reconciliation",
                                             "Awareness training follow-up",
                                             "DLP alert review",
                                             "Key rotation"};
  return d;
}

struct SeedReport {
  std::vector<std::pair<std::string, double>> seconds;  // domain, wall seconds
  std::map<std::string, int64_t> calls;                 // service calls per domain
  double total = 0;
};

class Seeder {
 public:
  Seeder(Env& env, const Sizes& sizes) : env_(env), sizes_(sizes), rng_(20261130) {}

  SeedReport run() {
    SeedReport report;
    auto timed = [&](const char* name, auto fn) {
      auto start = std::chrono::steady_clock::now();
      calls_ = 0;
      fn();
      double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      report.seconds.emplace_back(name, s);
      report.calls[name] = calls_;
      report.total += s;
      std::fprintf(stderr, "isms_bench_operations: seeded %-13s %7lld service calls in %7.1f s\n",
                   name, static_cast<long long>(calls_), s);
    };
    timed("persons", [&] { persons(); });
    timed("activities", [&] { activities(); });
    timed("audits", [&] { audits(); });
    timed("findings", [&] { findings(); });
    timed("incidents", [&] { incidents(); });
    timed("events", [&] { events(); });
    timed("exceptions", [&] { exceptions(); });
    timed("objectives", [&] { objectives(); });
    timed("reviews", [&] { reviews(); });
    timed("notifications", [&] { notifications(); });
    env_.clock.set(kNow);
    return report;
  }

 private:
  const std::string& today() const { return env_.today; }
  const ServiceContext& ctx() const { return env_.ctx; }
  const Principal& ciso() const { return env_.ciso; }
  const std::string& someone() { return rng_.pick(persons_); }

  // ---- persons: owners, handlers, requesters
  void persons() {
    std::string employee;
    for (const Role& r : must(RoleService(ctx()).list(env_.op), "roles")) {
      if (r.key == "employee") employee = r.id;
    }
    static const char* first[] = {"Ada",  "Bo",   "Cleo", "Dag", "Eva",  "Finn", "Greta",
                                  "Hugo", "Ines", "Jon",  "Kim", "Lena", "Mats", "Nora"};
    static const char* last[] = {"Berg",   "Lund", "Holm", "Strand", "Falk",   "Wall",
                                 "Nyberg", "Sand", "Ek",   "Dahl",   "Moberg", "Vik"};
    PersonService svc(ctx());
    for (int64_t i = 0; i < sizes_.persons; ++i) {
      PersonFields f;
      f.name = std::string(first[i % 14]) + " " + last[(i / 14) % 12] + " " + std::to_string(i);
      f.email = "person" + std::to_string(i) + "@example.test";
      f.job_title = "Engineer";
      f.role_ids = std::vector<std::string>{employee};
      persons_.push_back(must(svc.create(env_.op, f), "person").id);
      ++calls_;
    }
    handlers_.assign(persons_.begin(), persons_.begin() + std::min<size_t>(10, persons_.size()));
  }

  // ---- activities with a year of occurrences, most completed on their day
  void activities() {
    struct Mix {
      const char* cadence;
      int weight;
    };
    static const std::vector<Mix> mix = {{R"({"kind":"weekly"})", 8},
                                         {R"({"kind":"custom","every":2,"unit":"weeks"})", 4},
                                         {R"({"kind":"monthly"})", 35},
                                         {R"({"kind":"quarterly"})", 33},
                                         {R"({"kind":"custom","every":6,"unit":"months"})", 5},
                                         {R"({"kind":"yearly"})", 15}};
    CalendarService svc(ctx());
    const std::string yesterday = day_plus(today(), -1);
    for (int64_t i = 0; i < sizes_.activities; ++i) {
      int roll = static_cast<int>(rng_.between(0, 99));
      const char* cadence = mix.back().cadence;
      for (const Mix& m : mix) {
        if (roll < m.weight) {
          cadence = m.cadence;
          break;
        }
        roll -= m.weight;
      }
      bool is_new = rng_.chance(0.05);
      std::string anchor =
          day_plus(today(), is_new ? rng_.between(0, 60) : -rng_.between(366, 395));
      std::string owner = rng_.chance(0.95) ? someone() : "";
      Json body{
          {"title", rng_.pick(duties()) + " " + std::to_string(i + 1)},
          {"description", "Recurring duty of the ISMS; see the procedure."},
          {"cadence", Json::parse(cadence)},
          {"anchor_on", anchor},
          {"owner_id", owner},
          {"subject", {{"register", std::string(kSubjectRegisters[static_cast<size_t>(i) % 14])}}}};
      env_.clock.set_day(day_plus(anchor, -7), 9);
      ActivityView v =
          must(svc.create(ciso(), must(activity_fields_from_json(body), "activity fields")),
               "create activity");
      ++calls_;
      const std::string completer = owner.empty() ? ciso().person_id : owner;
      for (const std::string& date : occurrence_dates(v.activity, anchor, yesterday)) {
        bool recent = days_from_to(date, today()) <= 14;
        double p = rng_.between(0, 999) / 1000.0;
        if (recent ? p >= 0.75 : p >= 0.98) continue;  // left open: overdue
        env_.clock.set_day(date, 10, static_cast<int>(rng_.between(0, 59)));
        Completion c;
        if (!recent && p >= 0.97) {
          c.reason = "Postponed: change freeze";
          must(svc.skip(env_.op, v.activity.id, date, c, completer), "skip");
        } else {
          c.notes = "Done as planned; nothing to report.";
          must(svc.complete(env_.op, v.activity.id, date, c, completer), "complete");
        }
        ++calls_;
      }
    }
  }

  // ---- audits: planned, run (findings raised, checklist decided), completed
  Json finding_body(int64_t n, const std::string& created) {
    static const char* grades[] = {"major_nonconformity", "minor_nonconformity", "observation",
                                   "opportunity"};
    std::string owner = someone();
    return Json{
        {"grade", grades[rng_.between(0, 9) < 1 ? 0 : rng_.between(1, 3)]},
        {"title", "Finding " + std::to_string(n) + ": " + rng_.pick(duties()) + " not evidenced"},
        {"description",
         "The procedure was not followed for " + rng_.pick(systems()) + " in the sampled period."},
        {"requirement_keys", Json::array({rng_.pick(annex_a())})},
        {"owner_id", owner},
        {"action",
         {{"title", "Fix the process gap for " + rng_.pick(systems())},
          {"root_cause", "No owner for the control"},
          {"owner_id", owner},
          {"due_on", day_plus(created, rng_.between(30, 120))}}}};
  }

  // Second actions, implementation and verification as the finding's age allows.
  void finding_life(const FindingView& v, const std::string& created) {
    AuditService svc(ctx());
    std::vector<CorrectiveAction> actions = v.actions;
    if (extra_left_ > 0 && rng_.chance(0.5)) {
      --extra_left_;
      actions.push_back(
          must(svc.add_action(ciso(), v.finding.id,
                              Json{{"title", "Follow-up: monitor the control"},
                                   {"root_cause", "No monitoring"},
                                   {"owner_id", someone()},
                                   {"due_on", day_plus(created, rng_.between(60, 150))}}),
               "add action"));
      ++calls_;
    }
    int64_t age = days_from_to(created, today());
    bool close = (age > 150 && rng_.chance(0.92)) || (age > 45 && rng_.chance(0.4));
    bool implement_only = !close && age > 20 && rng_.chance(0.25);
    if (!close && !implement_only) return;
    for (const CorrectiveAction& a : actions) {
      int64_t span = std::min<int64_t>(age - 10, 90);
      std::string implemented = day_plus(created, rng_.between(7, std::max<int64_t>(7, span)));
      env_.clock.set_day(implemented, 11);
      CorrectiveAction done = must(svc.implement_action(ciso(), a.id, Json{{"version", a.version}}),
                                   "implement action");
      ++calls_;
      if (!close) continue;
      int64_t room = std::min<int64_t>(14, days_from_to(implemented, today()) - 1);
      env_.clock.set_day(day_plus(implemented, rng_.between(1, std::max<int64_t>(1, room))), 14);
      must(svc.verify_action(ciso(), a.id, Json{{"version", done.version}, {"effective", true}},
                             std::nullopt),
           "verify action");
      ++calls_;
    }
    // Observations and opportunities close with a decision note (nonconformities closed
    // with their last verification).
    FindingView after = must(svc.get_finding(ciso(), v.finding.id), "get finding");
    if (close && after.finding.status == FindingStatus::kOpen) {
      must(svc.close_finding(ciso(), v.finding.id, after.finding.version,
                             "Handled: the actions were verified."),
           "close finding");
      ++calls_;
    }
  }

  void audits() {
    AuditService svc(ctx());
    int64_t planned_future = std::max<int64_t>(1, sizes_.audits / 25);
    int64_t in_progress = std::max<int64_t>(1, sizes_.audits / 80);
    int64_t past = sizes_.audits - planned_future - in_progress;
    int64_t audit_findings = sizes_.findings * 4 / 10;
    int64_t raising = past + in_progress;
    extra_left_ = sizes_.extra_actions;
    for (int64_t i = 0; i < sizes_.audits; ++i) {
      std::string start;
      if (i < past) {
        start = day_plus(today(), -730 + i * 700 / std::max<int64_t>(1, past));
      } else if (i < past + in_progress) {
        start = day_plus(today(), -2);
      } else {
        start = day_plus(today(), 10 + (i - past - in_progress) * 20);
      }
      std::vector<std::string> criteria;
      for (int k = 0; k < 3; ++k) {
        criteria.push_back(annex_a()[static_cast<size_t>(i * 3 + k) % annex_a().size()]);
      }
      env_.clock.set_day(std::min(day_plus(start, -14), day_plus(today(), -1)), 9);
      Audit a =
          must(svc.create_audit(ciso(), Json{{"title", "Internal audit " + std::to_string(i + 1) +
                                                           ": " + rng_.pick(systems())},
                                             {"type", "internal"},
                                             {"scope", "Operation of " + rng_.pick(systems())},
                                             {"criteria", criteria},
                                             {"lead_auditor_id", someone()},
                                             {"start_on", start},
                                             {"end_on", day_plus(start, 3)}}),
               "create audit");
      ++calls_;
      if (i >= past + in_progress) continue;  // planned
      env_.clock.set_day(start, 9);
      a = must(svc.start_audit(ciso(), a.id, a.version), "start audit");
      ++calls_;
      int64_t k = audit_findings / raising + (i < audit_findings % raising ? 1 : 0);
      for (int64_t f = 0; f < k; ++f) {
        env_.clock.set_day(start, 10 + static_cast<int>(f % 6));
        FindingView v =
            must(svc.create_audit_finding(ciso(), a.id, finding_body(++finding_number_, start)),
                 "audit finding");
        ++calls_;
        findings_by_audit_[a.id] += 1;
        if (i < past) {
          finding_life(v, start);
          env_.clock.set_day(start, 16);
        }
      }
      if (i >= past) continue;  // in progress
      env_.clock.set_day(day_plus(start, 3), 15);
      for (size_t item = 0; item < a.checklist.size(); ++item) {
        CheckResultView r = must(
            svc.check_item(ciso(), a.id, static_cast<int64_t>(item),
                           Json{{"version", a.checklist[item].version}, {"result", "conform"}}),
            "check item");
        a = r.audit;
        ++calls_;
      }
      a = must(svc.complete_audit(ciso(), a.id, a.version,
                                  std::string("Effective overall; the findings are being fixed.")),
               "complete audit");
      ++calls_;
    }
  }

  // ---- findings outside audits (self-assessments), with their actions' lives
  void findings() {
    AuditService svc(ctx());
    int64_t rest = sizes_.findings - finding_number_;
    for (int64_t i = 0; i < rest; ++i) {
      std::string created = day_plus(today(), -730 + i * 729 / std::max<int64_t>(1, rest));
      env_.clock.set_day(created, 9 + static_cast<int>(i % 8));
      Json body = finding_body(++finding_number_, created);
      body["source"] = "self_assessment";
      FindingView v = must(svc.create_finding(ciso(), body), "create finding");
      ++calls_;
      finding_life(v, created);
    }
  }

  // ---- incidents with timelines, assessments, filed reports, closure
  void incidents() {
    IncidentService svc(ctx());
    static const char* kinds[] = {
        "Phishing", "Malware", "Lost laptop", "Misdirected e-mail", "DDoS", "Credential stuffing",
        "Outage"};
    int64_t now_micros = 0;
    parse_utc_micros(kNow, &now_micros);
    for (int64_t i = 0; i < sizes_.incidents; ++i) {
      std::string day = day_plus(today(), -730 + i * 730 / sizes_.incidents);
      int hour = static_cast<int>(rng_.between(0, 23));
      if (day == today()) hour = std::min(hour, 6);
      env_.clock.set_day(day, hour, 5);
      int64_t roll = rng_.between(0, 99);
      const char* severity = roll < 50   ? "low"
                             : roll < 85 ? "medium"
                             : roll < 97 ? "high"
                                         : "critical";
      Json v =
          must(svc.create_incident(
                   ciso(),
                   Json{{"title", std::string(kinds[i % 7]) + " affecting " + rng_.pick(systems())},
                        {"description", "Reported by the service desk; see the ticket."},
                        {"severity", severity},
                        {"handler_id", rng_.pick(handlers_)}}),
               "create incident");
      ++calls_;
      const std::string id = v["id"].get<std::string>();
      int64_t version = v["version"].get<int64_t>();
      int64_t created = env_.clock.now_micros();
      auto move_to = [&](int64_t hours) {
        env_.clock.set(
            format_utc_micros(std::min<int64_t>(created + hours * 3600LL * 1000000, now_micros)));
      };
      move_to(1);
      must(svc.add_note(ciso(), id,
                        Json{{"text", "Affected accounts locked"}, {"kind", "containment"}}),
           "note");
      ++calls_;
      bool significant = (std::string(severity) == "critical" ||
                          (std::string(severity) == "high" && rng_.chance(0.2)));
      if (significant || rng_.chance(0.2)) {
        move_to(2);
        Json facts =
            significant ? Json{{"financial_loss_eur", 750000}} : Json{{"financial_loss_eur", 5000}};
        must(svc.assess(ciso(), id, Json{{"facts", facts}}), "assess");
        ++calls_;
      }
      move_to(3);
      v = must(svc.add_note(ciso(), id,
                            Json{{"text", "Users informed by e-mail"}, {"kind", "communication"}}),
               "note");
      ++calls_;
      v = must(svc.get_incident(ciso(), id), "get incident");
      version = v["version"].get<int64_t>();
      int64_t age_hours = (now_micros - created) / (3600LL * 1000000);
      if (significant && age_hours > 80) {
        move_to(20);
        must(svc.file_report(ciso(), id,
                             Json{{"type", "early_warning"},
                                  {"recipient", "CERT-Bund"},
                                  {"fields", Json::object()}}),
             "early warning");
        move_to(60);
        must(svc.file_report(ciso(), id,
                             Json{{"type", "notification"},
                                  {"recipient", "CERT-Bund"},
                                  {"fields", Json::object()}}),
             "notification");
        calls_ += 2;
        v = must(svc.get_incident(ciso(), id), "get incident");
        version = v["version"].get<int64_t>();
      }
      int64_t age_days = age_hours / 24;
      std::string status;
      if (age_days > 21) {
        status = "closed";
      } else if (age_days > 3) {
        int64_t r = rng_.between(0, 9);
        status = r < 5 ? "resolved" : r < 8 ? "contained" : "";
      }
      if (!status.empty()) {
        move_to(24 * rng_.between(1, std::min<int64_t>(age_days - 1, 20)));
        must(svc.update_incident(ciso(), id, Json{{"version", version}, {"status", status}},
                                 std::nullopt),
             "incident " + status);
        ++calls_;
      }
    }
  }

  // ---- security events: most triaged (closed as no incident)
  void events() {
    IncidentService svc(ctx());
    for (int64_t i = 0; i < sizes_.events; ++i) {
      std::string day = day_plus(today(), -730 + i * 730 / sizes_.events);
      env_.clock.set_day(day, std::min(6, static_cast<int>(i % 12)));
      Json ev =
          must(svc.report_event(ciso(), Json{{"summary", "Suspicious e-mail " + std::to_string(i)},
                                             {"description", "Forwarded to the SOC mailbox."}}),
               "report event");
      ++calls_;
      if (i < sizes_.events * 95 / 100) {
        env_.clock.set_day(day, 7);
        must(svc.triage_event(ciso(), ev["id"].get<std::string>(),
                              Json{{"action", "close"}, {"reason", "No security impact"}}),
             "triage");
        ++calls_;
      }
    }
  }

  // ---- exceptions: requested, decided, expiring, revoked when long expired
  void exceptions() {
    ExceptionService svc(ctx());
    for (int64_t i = 0; i < sizes_.exceptions; ++i) {
      std::string day = day_plus(today(), -730 + i * 729 / sizes_.exceptions);
      std::string requester = someone();
      env_.clock.set_day(day, 10);
      ExceptionFields f;
      f.title = "Exception " + std::to_string(i + 1) + " for " + rng_.pick(systems());
      f.reason = "The system cannot meet the requirement until its replacement.";
      ExceptionScope scope;
      scope.section = "8." + std::to_string(1 + i % 30) + " " + rng_.pick(duties());
      scope.requirement_keys = {rng_.pick(annex_a())};
      f.scope = scope;
      CompensatingControls comp;
      comp.text = "Weekly log review and an IP allow-list.";
      f.compensating = comp;
      ExceptionResult r = must(svc.request(env_.op, f, requester), "request exception");
      ++calls_;
      int64_t age = days_from_to(day, today());
      if (age < 3 && rng_.chance(0.7)) continue;  // still requested
      std::string decided = day_plus(day, std::min<int64_t>(2, age));
      env_.clock.set_day(decided, 15);
      int64_t roll = rng_.between(0, 99);
      ExceptionDecision d;
      d.version = r.exception.version;
      if (roll < 75) {
        std::string expires = day_plus(decided, rng_.between(60, 360));
        d.expires_on = expires;
        d.note = "Accepted with the compensating controls.";
        ExceptionResult a = must(svc.approve(ciso(), r.exception.id, d, std::nullopt), "approve");
        ++calls_;
        if (expires < day_plus(today(), -14) && rng_.chance(0.85)) {
          env_.clock.set_day(expires, 9);
          ExceptionDecision rv;
          rv.version = a.exception.version;
          rv.note = "Expired: the fix is in place.";
          must(svc.revoke(ciso(), r.exception.id, rv, std::nullopt), "revoke");
          ++calls_;
        }
      } else if (roll < 88) {
        d.note = "Risk too high; fix it instead.";
        must(svc.reject(ciso(), r.exception.id, d, std::nullopt), "reject");
        ++calls_;
      } else if (roll < 93) {
        must(svc.withdraw(env_.op, r.exception.id, r.exception.version, requester), "withdraw");
        ++calls_;
      }
    }
  }

  // ---- objectives, four indicators each, measurements over two years
  void objectives() {
    ObjectiveService svc(ctx());
    std::string start = day_plus(today(), -760);
    env_.clock.set_day(start, 9);
    int64_t existing = static_cast<int64_t>(must(svc.list(ciso(), true), "objectives").size());
    for (int64_t i = existing; i < sizes_.objectives; ++i) {
      ObjectiveFields f;
      f.title = "Objective " + std::to_string(i + 1) + ": resilient " + rng_.pick(systems());
      f.description = "Keep the service within its security targets.";
      f.owner_id = someone();
      must(svc.create(ciso(), f), "create objective");
      ++calls_;
    }
    std::vector<std::string> indicators;
    static const char* names[] = {"Patch latency (days)", "Phishing click rate (%)",
                                  "Backup success (%)", "Open high vulnerabilities"};
    for (const ObjectiveView& o : must(svc.list(ciso(), false), "objectives")) {
      for (int k = 0; k < 4; ++k) {
        Json body{{"name", names[k]},
                  {"unit", k == 1 || k == 2 ? "%" : "count"},
                  {"target", k == 2 ? "99" : "5"},
                  {"direction", k == 2 ? "higher_is_better" : "lower_is_better"},
                  {"frequency", "monthly"},
                  {"owner_id", someone()}};
        indicators.push_back(
            must(svc.add_indicator(ciso(), o.objective.id,
                                   must(indicator_fields_from_json(body), "indicator fields")),
                 "add indicator")
                .indicator.id);
        ++calls_;
      }
    }
    int64_t per = sizes_.measurements / static_cast<int64_t>(indicators.size());
    int64_t extra = sizes_.measurements % static_cast<int64_t>(indicators.size());
    for (size_t k = 0; k < indicators.size(); ++k) {
      int64_t n = per + (static_cast<int64_t>(k) < extra ? 1 : 0);
      for (int64_t m = 0; m < n; ++m) {
        std::string on = day_plus(today(), -740 + m * 739 / std::max<int64_t>(1, n));
        env_.clock.set_day(on, 12);
        MeasurementInput in;
        std::string why;
        auto value = parse_decimal(std::to_string(rng_.between(0, 120)), &why);
        if (!value) fail("decimal: " + why);
        in.value = *value;
        in.measured_on = on;
        in.note = "From the monthly report";
        must(svc.record_measurement(ciso(), indicators[k], in), "measurement");
        ++calls_;
      }
    }
  }

  void reviews() {
    env_.clock.set(kNow);
    ReviewFields f;
    f.title = "Management review 2027";
    f.planned_on = day_plus(today(), 45);
    f.chair_id = ciso().person_id;
    must(ManagementReviewService(ctx()).create(ciso(), f), "management review");
    ++calls_;
  }

  // ---- notifications: SMTP and a webhook, a year of sent deliveries, today's run
  void notifications() {
    RecordingTransport transport;
    NotificationService svc(ctx(), &transport);
    must(svc.update_settings(
             ciso(),
             must(settings_patch_from_json(Json{
                      {"smtp", {{"url", "smtp://127.0.0.1:2525"}, {"from", "isms@example.test"}}}}),
                  "settings patch")),
         "settings");
    CreatedWebhook hook = must(
        svc.create_webhook(ciso(), must(webhook_patch_from_json(
                                            Json{{"url", "https://hooks.example.test/isms"},
                                                 {"events", {"reminder", "overdue", "digest"}}},
                                            true),
                                        "webhook patch")),
        "webhook");
    calls_ += 2;
    // History: straight through the store (service bodies, ledger entries), in batches.
    int64_t start_micros = 0;
    parse_utc_micros(kNow, &start_micros);
    start_micros -= 365LL * 86400 * 1000000;
    const int64_t step = 365LL * 86400 * 1000000 / std::max<int64_t>(1, sizes_.deliveries);
    for (int64_t n = 0; n < sizes_.deliveries;) {
      auto tx = must(ctx().store->begin_write(), "begin_write");
      LedgerRecorder ledger(ctx(), tx.get(), Actor{"system"});
      for (int64_t b = 0; b < 500 && n < sizes_.deliveries; ++b, ++n) {
        std::string at = format_utc_micros(start_micros + n * step);
        Delivery d;
        bool email = rng_.chance(0.7);
        const std::string person = someone();
        d.channel = email ? "email" : "webhook";
        d.target = email ? "person@example.test" : hook.webhook.id;
        int64_t kind = rng_.between(0, 99);
        d.event = kind < 70 ? "reminder" : kind < 85 ? "overdue" : "digest";
        d.person_id = person;
        d.subject = "Reminder: ACT-" + std::to_string(n % 2000 + 1) + " is due in 7 days";
        d.text = d.subject + "\n\nOpen the ISMS calendar to complete it.\n";
        d.key = "history|" + std::to_string(n);
        d.id = delivery_id_for_key(d.key);
        bool abandoned = rng_.chance(0.02);
        d.status = abandoned ? DeliveryStatus::kAbandoned : DeliveryStatus::kSent;
        d.attempts = abandoned ? kMaxDeliveryAttempts : 1;
        d.history.push_back(
            DeliveryAttempt{at, abandoned ? "abandoned" : "sent", abandoned ? "HTTP 503" : ""});
        d.last_error = abandoned ? "HTTP 503" : "";
        d.created_at = d.updated_at = at;
        check(tx->insert_op_record(notify_internal::delivery_record(d)), "insert delivery");
        check(
            ledger.record("delivery.plan", kDeliveryKind, d.id,
                          Json{{"channel", d.channel}, {"event", d.event}, {"status", "pending"}}),
            "ledger");
        check(ledger.record(abandoned ? "delivery.abandoned" : "delivery.sent", kDeliveryKind, d.id,
                            Json{{"attempts", d.attempts}}),
              "ledger");
      }
      check(ledger.finish(), "ledger finish");
      check(tx->commit(), "commit deliveries");
    }
    // Today's reminders, planned and sent by the service.
    env_.clock.set(kNow);
    for (int round = 0; round < 1000; ++round) {
      RunReport r = must(svc.run_due(ciso()), "run_due");
      ++calls_;
      if (r.planned == 0 && r.sent == 0 && r.failed == 0) break;
    }
    std::fprintf(stderr,
                 "isms_bench_operations: today's run sent %lld e-mails and %lld webhook posts\n",
                 static_cast<long long>(transport.mails.load()),
                 static_cast<long long>(transport.hooks.load()));
  }

  Env& env_;
  Sizes sizes_;
  Rng rng_;
  int64_t calls_ = 0;
  std::vector<std::string> persons_, handlers_;
  int64_t finding_number_ = 0;
  int64_t extra_left_ = 0;
  std::map<std::string, int64_t> findings_by_audit_;
};

// ---------------------------------------------------------------------------------------
// The world the benchmarks read

struct World {
  std::unique_ptr<Env> full;      // seeded
  std::unique_ptr<Env> defaults;  // initialized only: the default calendar
  std::unique_ptr<SqliteRaw> raw;
  std::unique_ptr<SqliteRaw> raw_writer;  // deletes today's deliveries (first-pass bench)
  RecordingTransport transport;
  std::string audit_id;                     // completed, most findings
  int64_t audit_findings = 0;               // its findings
  std::string audit_text;                   // its report's text (reference)
  std::string incident_id, report_id;       // a filed report
  Json frozen;                              // its frozen document
  std::string frozen_text;                  // its text (reference)
  std::vector<std::string> open_incidents;  // file_report rotates over these
  size_t next_incident = 0;
};
World* world = nullptr;

void collect_strings(const Json& j, std::string* out) {
  if (j.is_string()) {
    const std::string& s = j.get_ref<const std::string&>();
    if (!s.empty()) {
      out->append(s);
      out->push_back('\n');
    }
  } else if (j.is_array() || j.is_object()) {
    for (const auto& v : j) collect_strings(v, out);
  }
}

std::string text_of(const Json& j) {
  std::string out;
  collect_strings(j, &out);
  return out;
}

AgendaQuery agenda_query(const std::string& from, const std::string& to) {
  AgendaQuery q;
  q.from = from;
  q.to = to;
  return q;
}

// ---------------------------------------------------------------------------------------
// agenda

void BM_Agenda(benchmark::State& state, const Env* env, int days) {
  AgendaQuery q = agenda_query(env->today, day_plus(env->today, days - 1));
  size_t items = 0;
  for (auto _ : state) {
    auto v = must(calendar_agenda(env->ctx, env->ciso, q), "calendar_agenda");
    items = v.size();
    benchmark::DoNotOptimize(v);
  }
  state.counters["items"] = static_cast<double>(items);
}

void BM_RefListActivities(benchmark::State& state, const Env* env) {
  OpRecordQuery q;
  q.kind = "activity";
  q.statuses = {"active"};
  size_t n = 0;
  for (auto _ : state) {
    auto tx = must(env->store->begin_read(), "begin_read");
    auto rows = must(tx->list_op_records(q), "list activities");
    n = rows.size();
    benchmark::DoNotOptimize(rows);
  }
  state.counters["activities"] = static_cast<double>(n);
}

// ---------------------------------------------------------------------------------------
// dashboard

void BM_OperationsSummary(benchmark::State& state) {
  const Env& env = *world->full;
  size_t bytes = 0;
  for (auto _ : state) {
    Json j = must(operations_summary(env.ctx, env.ciso), "operations_summary");
    bytes = dump_json(j).size();
    benchmark::DoNotOptimize(j);
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}

void BM_SummaryCalendarPart(benchmark::State& state) {
  const Env& env = *world->full;
  AgendaQuery q = agenda_query(day_plus(env.today, -365), day_plus(env.today, 30));
  size_t items = 0;
  for (auto _ : state) {
    auto v = must(calendar_agenda(env.ctx, env.ciso, q), "calendar_agenda");
    items = v.size();
    benchmark::DoNotOptimize(v);
  }
  state.counters["items"] = static_cast<double>(items);
}

void BM_RefSql(benchmark::State& state, std::string sql) {
  int64_t rows = 0;
  for (auto _ : state) rows = world->raw->run(sql);
  state.counters["rows"] = static_cast<double>(rows);
}

// ---------------------------------------------------------------------------------------
// lists

template <typename Fn>
void run_list(benchmark::State& state, Fn fn) {
  size_t items = 0, bytes = 0;
  for (auto _ : state) {
    Json j = fn();
    items = j["items"].size();
    std::string body = dump_json(j);
    bytes = body.size();
    benchmark::DoNotOptimize(body);
  }
  state.counters["items"] = static_cast<double>(items);
  state.counters["kB"] = static_cast<double>(bytes) / 1024;
}

void BM_ListFindings(benchmark::State& state) {
  const Env& env = *world->full;
  AuditService svc(env.ctx);
  FindingFilter f;
  f.statuses = {"open"};
  run_list(state, [&] {
    auto list = must(svc.list_findings(env.ciso, f), "list_findings");
    std::string today = must(svc.today(), "today");
    Json items = Json::array();
    for (const auto& v : list) items.push_back(finding_view_to_json(v, today));
    return Json{{"items", std::move(items)}};
  });
}

void BM_ListActions(benchmark::State& state) {
  const Env& env = *world->full;
  AuditService svc(env.ctx);
  ActionFilter f;
  f.statuses = {"open"};
  run_list(state, [&] {
    auto list = must(svc.list_actions(env.ciso, f), "list_actions");
    std::string today = must(svc.today(), "today");
    Json items = Json::array();
    for (const auto& a : list) items.push_back(action_to_json(a, today));
    return Json{{"items", std::move(items)}};
  });
}

void BM_ListIncidents(benchmark::State& state, std::optional<std::string> status) {
  const Env& env = *world->full;
  IncidentService svc(env.ctx);
  IncidentFilter f;
  f.status = status;
  run_list(state, [&] { return must(svc.list_incidents(env.ciso, f), "list_incidents"); });
}

void BM_ListExceptions(benchmark::State& state, std::string state_filter) {
  const Env& env = *world->full;
  ExceptionService svc(env.ctx);
  ExceptionListQuery q;
  q.state = state_filter;
  run_list(state, [&] {
    ExceptionList list = must(svc.list(env.ciso, q), "exceptions");
    Json items = Json::array();
    for (const auto& e : list.items) items.push_back(exception_to_json(e, list.today));
    return Json{{"items", std::move(items)}};
  });
}

void BM_ListDeliveries(benchmark::State& state, std::optional<DeliveryStatus> status,
                       std::string channel) {
  const Env& env = *world->full;
  NotificationService svc(env.ctx, &world->transport);
  DeliveryQuery q;
  q.status = status;
  q.channel = channel;
  run_list(state, [&] {
    DeliveryPage page = must(svc.deliveries(env.ciso, q), "deliveries");
    Json items = Json::array();
    for (const auto& d : page.items) items.push_back(delivery_to_json(d));
    return Json{{"items", std::move(items)}, {"next_cursor", page.next_cursor}};
  });
}

// A page of 50 as the store gives it: what a paged list would start from.
void BM_StorePage(benchmark::State& state, OpRecordQuery q) {
  q.limit = 50;
  size_t n = 0;
  for (auto _ : state) {
    auto tx = must(world->full->store->begin_read(), "begin_read");
    auto rows = must(tx->list_op_records(q), "list_op_records");
    n = rows.size();
    benchmark::DoNotOptimize(rows);
  }
  state.counters["items"] = static_cast<double>(n);
}

OpRecordQuery op_query(const char* kind, std::vector<std::string> statuses, OpRecordOrder order,
                       bool descending) {
  OpRecordQuery q;
  q.kind = kind;
  q.statuses = std::move(statuses);
  q.order = order;
  q.descending = descending;
  return q;
}

// ---------------------------------------------------------------------------------------
// notifications

AgendaQuery plan_query(const Env& env) {
  AgendaQuery q;
  q.from = day_plus(env.today, -1);
  q.to = day_plus(env.today, 30);  // the largest default offset
  q.include_overdue_before_from = true;
  return q;
}

void drain(const Env& env) {
  NotificationService svc(env.ctx, &world->transport);
  for (int round = 0; round < 1000; ++round) {
    RunReport r = must(svc.run_due(env.ciso), "run_due");
    if (r.planned == 0 && r.sent == 0 && r.failed == 0) return;
  }
  fail("run_due did not settle");
}

void BM_RunDueSteady(benchmark::State& state) {
  const Env& env = *world->full;
  drain(env);
  NotificationService svc(env.ctx, &world->transport);
  int64_t planned = 0;
  for (auto _ : state) {
    RunReport r = must(svc.run_due(env.ciso), "run_due");
    planned += r.planned + r.sent;
  }
  if (planned != 0) fail("the steady run planned or sent something");
}

// Each iteration deletes today's deliveries (untimed, through sqlite3) and runs the day's
// first pass again. Today's drained deliveries are saved before and put back after, so the
// store is left as the steady state found it (a drain costs one agenda per 100 sends).
void BM_RunDueFirstPass(benchmark::State& state) {
  const Env& env = *world->full;
  drain(env);
  NotificationService svc(env.ctx, &world->transport);
  const std::string today = "kind = 'delivery' AND created_at = '" + env.clock.now_utc() + "'";
  world->raw_writer->exec("CREATE TEMP TABLE saved_deliveries AS SELECT * FROM op_records WHERE " +
                          today);
  RunReport last;
  for (auto _ : state) {
    state.PauseTiming();
    world->raw_writer->exec("DELETE FROM op_records WHERE " + today);
    state.ResumeTiming();
    last = must(svc.run_due(env.ciso), "run_due");
  }
  state.counters["planned"] = last.planned;
  state.counters["sent"] = last.sent;
  world->raw_writer->exec("BEGIN; DELETE FROM op_records WHERE " + today +
                          "; INSERT INTO op_records SELECT * FROM saved_deliveries; "
                          "DROP TABLE saved_deliveries; COMMIT");
}

void BM_AgendaAndPlan(benchmark::State& state) {
  const Env& env = *world->full;
  NotificationService svc(env.ctx, &world->transport);
  NotificationSettings settings = must(svc.settings(env.ciso), "settings").settings;
  PlanInput in;
  in.today = env.today;
  in.local_weekday = must(iso_weekday(env.today), "weekday") + 1;
  in.local_hour = 8;
  in.week_key = must(iso_week_key(env.today), "week key");
  AgendaQuery q = plan_query(env);
  size_t messages = 0;
  for (auto _ : state) {
    auto agenda = must(calendar_agenda(env.ctx, operator_principal("system"), q), "agenda");
    auto planned = plan_messages(agenda, settings, in);
    messages = planned.size();
    benchmark::DoNotOptimize(planned);
  }
  state.counters["messages"] = static_cast<double>(messages);
}

void BM_RefPlanAgenda(benchmark::State& state) {
  const Env& env = *world->full;
  AgendaQuery q = plan_query(env);
  size_t items = 0;
  for (auto _ : state) {
    auto agenda = must(calendar_agenda(env.ctx, operator_principal("system"), q), "agenda");
    items = agenda.size();
    benchmark::DoNotOptimize(agenda);
  }
  state.counters["items"] = static_cast<double>(items);
}

// ---------------------------------------------------------------------------------------
// reports

void BM_AuditReportPdf(benchmark::State& state) {
  const Env& env = *world->full;
  AuditService svc(env.ctx);
  size_t bytes = 0;
  for (auto _ : state) {
    std::string pdf = must(svc.report_pdf(env.ciso, world->audit_id), "report_pdf");
    bytes = pdf.size();
    benchmark::DoNotOptimize(pdf);
  }
  state.counters["pdf_kB"] = static_cast<double>(bytes) / 1024;
  state.counters["findings"] = static_cast<double>(world->audit_findings);
}

void BM_AuditReport(benchmark::State& state) {
  const Env& env = *world->full;
  AuditService svc(env.ctx);
  for (auto _ : state) {
    benchmark::DoNotOptimize(must(svc.report(env.ciso, world->audit_id), "report"));
  }
}

void BM_RenderIncidentReport(benchmark::State& state) {
  size_t bytes = 0;
  for (auto _ : state) {
    std::string pdf = must(render_incident_report_pdf(world->frozen, "Bench Org"), "render");
    bytes = pdf.size();
    benchmark::DoNotOptimize(pdf);
  }
  state.counters["pdf_kB"] = static_cast<double>(bytes) / 1024;
}

void BM_IncidentReportFile(benchmark::State& state, const char* format) {
  const Env& env = *world->full;
  IncidentService svc(env.ctx);
  size_t bytes = 0;
  for (auto _ : state) {
    ReportFile f =
        must(svc.report_file(env.ciso, world->incident_id, world->report_id, format), "file");
    bytes = f.body.size();
    benchmark::DoNotOptimize(f);
  }
  state.counters["kB"] = static_cast<double>(bytes) / 1024;
}

void BM_FileIncidentReport(benchmark::State& state) {
  const Env& env = *world->full;
  IncidentService svc(env.ctx);
  const Json body{{"type", "intermediate"}, {"recipient", "CERT-Bund"}, {"fields", Json::object()}};
  for (auto _ : state) {
    const std::string& id =
        world->open_incidents[world->next_incident++ % world->open_incidents.size()];
    benchmark::DoNotOptimize(must(svc.file_report(env.ciso, id, body), "file_report"));
  }
}

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// As isms_bench_documents' reference: the text as one Pango layout (DejaVu Sans 10 pt,
// wrapped at the A4 text width), its lines drawn onto as many A4 pages as they need.
void BM_RefPangoPdf(benchmark::State& state, const std::string* text) {
  const double width = 595.276, height = 841.89, margin = 56.7;
  size_t bytes = 0;
  int pages = 0;
  for (auto _ : state) {
    std::string pdf;
    cairo_surface_t* surface =
        cairo_pdf_surface_create_for_stream(append_bytes, &pdf, width, height);
    cairo_t* cr = cairo_create(surface);
    PangoContext* context = pango_cairo_create_context(cr);
    pango_cairo_context_set_resolution(context, 72);
    PangoLayout* layout = pango_layout_new(context);
    PangoFontDescription* font = pango_font_description_from_string("DejaVu Sans 10");
    pango_layout_set_font_description(layout, font);
    pango_font_description_free(font);
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_width(layout, static_cast<int>((width - 2 * margin) * PANGO_SCALE));
    pango_layout_set_text(layout, text->data(), static_cast<int>(text->size()));
    PangoLayoutIter* iter = pango_layout_get_iter(layout);
    double page_top = 0;
    pages = 1;
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(iter, nullptr, &logical);
      double top = static_cast<double>(logical.y) / PANGO_SCALE;
      double bottom = top + static_cast<double>(logical.height) / PANGO_SCALE;
      if (bottom - page_top > height - 2 * margin) {
        cairo_show_page(cr);
        page_top = top;
        ++pages;
      }
      double baseline = static_cast<double>(pango_layout_iter_get_baseline(iter)) / PANGO_SCALE;
      cairo_move_to(cr, margin, margin + baseline - page_top);
      pango_cairo_show_layout_line(cr, pango_layout_iter_get_line_readonly(iter));
    } while (pango_layout_iter_next_line(iter));
    pango_layout_iter_free(iter);
    g_object_unref(layout);
    g_object_unref(context);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) fail("reference pdf");
    cairo_surface_destroy(surface);
    bytes = pdf.size();
    benchmark::DoNotOptimize(pdf);
  }
  state.counters["pdf_kB"] = static_cast<double>(bytes) / 1024;
  state.counters["pages"] = pages;
  state.counters["text_kB"] = static_cast<double>(text->size()) / 1024;
}

// ---------------------------------------------------------------------------------------

void pick_report_subjects() {
  const Env& env = *world->full;
  auto tx = must(env.store->begin_read(), "begin_read");
  // The completed audit with the most findings (a finding's parent is its source record).
  OpRecordQuery findings;
  findings.kind = "finding";
  findings.archived = ArchivedFilter::kAll;
  std::map<std::string, int64_t> per_source;
  for (const OpRecord& r : must(tx->list_op_records(findings), "findings")) {
    if (!r.parent_id.empty()) ++per_source[r.parent_id];
  }
  OpRecordQuery audits;
  audits.kind = "audit";
  audits.statuses = {"completed"};
  for (const OpRecord& r : must(tx->list_op_records(audits), "audits")) {
    if (per_source[r.id] > world->audit_findings) {
      world->audit_findings = per_source[r.id];
      world->audit_id = r.id;
    }
  }
  if (world->audit_id.empty()) fail("no completed audit with findings");
  // A filed report and the incidents still open.
  OpRecordQuery reports;
  reports.kind = "incident_report";
  reports.limit = 1;
  auto first = must(tx->list_op_records(reports), "incident reports");
  if (first.empty()) fail("no filed incident report (seed more incidents)");
  world->report_id = first.front().id;
  world->incident_id = first.front().parent_id;
  OpRecordQuery open =
      op_query("incident", {"open", "contained", "resolved"}, OpRecordOrder::kCreated, false);
  for (const OpRecord& r : must(tx->list_op_records(open), "open incidents")) {
    world->open_incidents.push_back(r.id);
  }
  if (world->open_incidents.empty()) fail("no open incident");
  tx.reset();

  AuditReport report = must(AuditService(env.ctx).report(env.ciso, world->audit_id), "report");
  world->audit_text = text_of(audit_report_to_json(report));
  ReportFile json = must(
      IncidentService(env.ctx).report_file(env.ciso, world->incident_id, world->report_id, "json"),
      "frozen json");
  world->frozen = must(parse_json(json.body), "frozen document");
  world->frozen_text = text_of(world->frozen);
}

void register_all() {
  auto ms = [](benchmark::internal::Benchmark* b) { b->Unit(benchmark::kMillisecond); };
  const Env* full = world->full.get();
  const Env* defaults = world->defaults.get();

  ms(benchmark::RegisterBenchmark("agenda/calendar_agenda next 30 days", BM_Agenda, full, 30));
  ms(benchmark::RegisterBenchmark("agenda/calendar_agenda next 90 days", BM_Agenda, full, 90));
  ms(benchmark::RegisterBenchmark("agenda/ref:list_op_records every active activity",
                                  BM_RefListActivities, full));
  ms(benchmark::RegisterBenchmark("agenda-default/calendar_agenda next 30 days", BM_Agenda,
                                  defaults, 30));
  ms(benchmark::RegisterBenchmark("agenda-default/calendar_agenda next 90 days", BM_Agenda,
                                  defaults, 90));
  ms(benchmark::RegisterBenchmark("agenda-default/ref:list_op_records every active activity",
                                  BM_RefListActivities, defaults));

  ms(benchmark::RegisterBenchmark("dashboard/operations_summary", BM_OperationsSummary));
  ms(benchmark::RegisterBenchmark("dashboard/its calendar part: agenda -365..+30 days",
                                  BM_SummaryCalendarPart));
  ms(benchmark::RegisterBenchmark("dashboard/ref:SELECT count(*) FROM op_records", BM_RefSql,
                                  std::string("SELECT count(*) FROM op_records")));

  const std::string select = "SELECT * FROM op_records WHERE ";
  ms(benchmark::RegisterBenchmark("findings/AuditService::list_findings status=open + JSON",
                                  BM_ListFindings));
  ms(benchmark::RegisterBenchmark("findings/StoreTx::list_op_records 50 open by ref", BM_StorePage,
                                  op_query("finding", {"open"}, OpRecordOrder::kRef, false)));
  ms(benchmark::RegisterBenchmark(
      "findings/ref:SELECT 50 open findings by ref", BM_RefSql,
      select + "kind = 'finding' AND archived = 0 AND status = 'open' ORDER BY ref, id LIMIT 50"));

  ms(benchmark::RegisterBenchmark("actions/AuditService::list_actions status=open + JSON",
                                  BM_ListActions));
  ms(benchmark::RegisterBenchmark(
      "actions/StoreTx::list_op_records 50 open by due", BM_StorePage,
      op_query("corrective_action", {"open"}, OpRecordOrder::kDue, false)));
  ms(benchmark::RegisterBenchmark("actions/ref:SELECT 50 open actions by due", BM_RefSql,
                                  select +
                                      "kind = 'corrective_action' AND archived = 0 AND status = "
                                      "'open' ORDER BY due_at, id LIMIT 50"));

  ms(benchmark::RegisterBenchmark("incidents/IncidentService::list_incidents all + JSON",
                                  BM_ListIncidents, std::optional<std::string>()));
  ms(benchmark::RegisterBenchmark("incidents/IncidentService::list_incidents status=open + JSON",
                                  BM_ListIncidents, std::optional<std::string>("open")));
  ms(benchmark::RegisterBenchmark("incidents/StoreTx::list_op_records 50 newest", BM_StorePage,
                                  op_query("incident", {}, OpRecordOrder::kCreated, true)));
  ms(benchmark::RegisterBenchmark(
      "incidents/ref:SELECT 50 newest incidents", BM_RefSql,
      select + "kind = 'incident' AND archived = 0 ORDER BY created_at DESC, id DESC LIMIT 50"));

  ms(benchmark::RegisterBenchmark("exceptions/ExceptionService::list all + JSON", BM_ListExceptions,
                                  std::string()));
  ms(benchmark::RegisterBenchmark("exceptions/ExceptionService::list state=expiring + JSON",
                                  BM_ListExceptions, std::string("expiring")));
  ms(benchmark::RegisterBenchmark("exceptions/StoreTx::list_op_records 50 by ref desc",
                                  BM_StorePage,
                                  op_query("exception", {}, OpRecordOrder::kRef, true)));
  ms(benchmark::RegisterBenchmark(
      "exceptions/ref:SELECT 50 exceptions by ref desc", BM_RefSql,
      select + "kind = 'exception' AND archived = 0 ORDER BY ref DESC, id DESC LIMIT 50"));

  ms(benchmark::RegisterBenchmark("deliveries/NotificationService::deliveries limit 50 + JSON",
                                  BM_ListDeliveries, std::optional<DeliveryStatus>(),
                                  std::string()));
  ms(benchmark::RegisterBenchmark(
      "deliveries/NotificationService::deliveries channel=webhook limit 50 + JSON",
      BM_ListDeliveries, std::optional<DeliveryStatus>(), std::string("webhook")));
  ms(benchmark::RegisterBenchmark(
      "deliveries/NotificationService::deliveries status=failed (none) + JSON", BM_ListDeliveries,
      std::optional<DeliveryStatus>(DeliveryStatus::kFailed), std::string()));
  ms(benchmark::RegisterBenchmark(
      "deliveries/ref:SELECT 50 newest deliveries", BM_RefSql,
      select + "kind = 'delivery' AND archived = 0 ORDER BY created_at DESC, id DESC LIMIT 50"));

  ms(benchmark::RegisterBenchmark("notifications/NotificationService::run_due steady state",
                                  BM_RunDueSteady));
  ms(benchmark::RegisterBenchmark(
      "notifications/NotificationService::run_due first pass of the day", BM_RunDueFirstPass));
  ms(benchmark::RegisterBenchmark("notifications/calendar_agenda + plan_messages",
                                  BM_AgendaAndPlan));
  ms(benchmark::RegisterBenchmark("notifications/ref:calendar_agenda of the plan (-1..+30 days)",
                                  BM_RefPlanAgenda));

  ms(benchmark::RegisterBenchmark("audit-report/AuditService::report_pdf", BM_AuditReportPdf));
  ms(benchmark::RegisterBenchmark("audit-report/AuditService::report (data only)", BM_AuditReport));
  ms(benchmark::RegisterBenchmark("audit-report/ref:Pango PDF of the same text", BM_RefPangoPdf,
                                  &world->audit_text));

  ms(benchmark::RegisterBenchmark("incident-report/render_incident_report_pdf",
                                  BM_RenderIncidentReport));
  ms(benchmark::RegisterBenchmark("incident-report/IncidentService::report_file pdf",
                                  BM_IncidentReportFile, "pdf"));
  ms(benchmark::RegisterBenchmark("incident-report/IncidentService::report_file json",
                                  BM_IncidentReportFile, "json"));
  ms(benchmark::RegisterBenchmark("incident-report/IncidentService::file_report (write)",
                                  BM_FileIncidentReport));
  ms(benchmark::RegisterBenchmark("incident-report/ref:Pango PDF of the same text", BM_RefPangoPdf,
                                  &world->frozen_text));
}

// ---------------------------------------------------------------------------------------

struct Memory {
  int64_t peak_kb = 0;     // getrusage ru_maxrss
  int64_t current_kb = 0;  // /proc/self/status VmRSS
  int64_t anon_kb = 0;     // RssAnon: the heap
  int64_t file_kb = 0;     // RssFile: mapped files (SQLite maps the database, mmap_size)
};

Memory memory() {
  Memory m;
  struct rusage usage {};
  if (getrusage(RUSAGE_SELF, &usage) == 0) m.peak_kb = usage.ru_maxrss;
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) m.current_kb = std::atoll(line.c_str() + 6);
    if (line.rfind("RssAnon:", 0) == 0) m.anon_kb = std::atoll(line.c_str() + 8);
    if (line.rfind("RssFile:", 0) == 0) m.file_kb = std::atoll(line.c_str() + 8);
  }
  return m;
}

Json record_counts(const Env& env) {
  auto tx = must(env.store->begin_read(), "begin_read");
  Json out = Json::object();
  for (const char* kind :
       {"activity", "occurrence", "objective", "indicator", "measurement", "audit_programme",
        "audit", "finding", "corrective_action", "management_review", "exception", "event",
        "incident", "incident_report", "timeline_entry", "webhook", "delivery"}) {
    OpRecordQuery q;
    q.kind = kind;
    q.archived = ArchivedFilter::kAll;
    out[kind] = must(tx->count_op_records(q), "count");
  }
  out["ledger_entries"] = must(tx->ledger_head(), "ledger head").seq;
  return out;
}

int64_t file_bytes(const fs::path& p) {
  std::error_code ec;
  auto n = fs::file_size(p, ec);
  return ec ? 0 : static_cast<int64_t>(n);
}

int64_t flag_value(const std::string& name, const char* text) {
  char* end = nullptr;
  long long v = std::strtoll(text, &end, 10);
  if (!end || *end || v < 0) fail("--" + name + " needs a whole number");
  return v;
}

}  // namespace

int main(int argc, char** argv) {
  // Our flags first; the rest goes to Google Benchmark.
  std::string data_dir, facts_path;
  double scale = 1;
  Sizes sizes;
  std::map<std::string, int64_t*> size_flags = {{"--persons", &sizes.persons},
                                                {"--activities", &sizes.activities},
                                                {"--audits", &sizes.audits},
                                                {"--findings", &sizes.findings},
                                                {"--extra-actions", &sizes.extra_actions},
                                                {"--incidents", &sizes.incidents},
                                                {"--events", &sizes.events},
                                                {"--exceptions", &sizes.exceptions},
                                                {"--objectives", &sizes.objectives},
                                                {"--measurements", &sizes.measurements},
                                                {"--deliveries", &sizes.deliveries}};
  std::vector<char*> rest{argv[0]};
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--data" && i + 1 < argc) {
      data_dir = argv[++i];
    } else if (a == "--facts" && i + 1 < argc) {
      facts_path = argv[++i];
    } else if (a == "--scale" && i + 1 < argc) {
      scale = std::atof(argv[++i]);
      if (scale <= 0) fail("--scale must be positive");
    } else if (size_flags.count(a) && i + 1 < argc) {
      *size_flags[a] = flag_value(a.substr(2), argv[++i]);
    } else {
      rest.push_back(argv[i]);
    }
  }
  if (scale != 1) sizes.scale(scale);
  int n = static_cast<int>(rest.size());
  benchmark::Initialize(&n, rest.data());
  if (benchmark::ReportUnrecognizedArguments(n, rest.data())) return 1;
  if (!crypto_init()) fail("crypto_init");

  bool temporary = data_dir.empty();
  fs::path dir = temporary ? fs::temp_directory_path() / ("isms-bench-ops-" + new_id().substr(0, 8))
                           : fs::path(data_dir);
  world = new World;
  world->full = std::make_unique<Env>(dir / "full");
  const fs::path marker = dir / "full" / "bench-seed.json";
  Json facts{{"sizes", sizes.to_json()}, {"now", kNow}, {"zone", kZone}};
  if (fs::exists(marker)) {
    std::ifstream in(marker);
    std::stringstream text;
    text << in.rdbuf();
    Json seeded = must(parse_json(text.str()), "read " + marker.string());
    if (seeded["sizes"] != sizes.to_json()) {
      fail(dir.string() + " was seeded with other sizes (" + dump_json(seeded["sizes"]) +
           "); remove it or pass the same sizes");
    }
    facts["seed"] = seeded["seed"];
    facts["seed"]["reused"] = true;
    std::fprintf(stderr, "isms_bench_operations: reusing the store seeded in %s\n",
                 dir.string().c_str());
  } else {
    if (!world->full->fresh) fail(dir.string() + " holds a store that was not seeded completely");
    SeedReport report = Seeder(*world->full, sizes).run();
    Json seconds = Json::object();
    for (const auto& [name, s] : report.seconds) seconds[name] = s;
    facts["seed"] = Json{{"seconds", seconds},
                         {"calls", report.calls},
                         {"total_seconds", report.total},
                         {"reused", false}};
    std::ofstream(marker) << dump_json(Json{{"sizes", sizes.to_json()}, {"seed", facts["seed"]}});
  }
  world->full->clock.set(kNow);
  world->defaults = std::make_unique<Env>(dir / "defaults");
  world->raw = std::make_unique<SqliteRaw>(world->full->db_path(), false);
  world->raw_writer = std::make_unique<SqliteRaw>(world->full->db_path(), true);
  pick_report_subjects();

  Memory seeded = memory();
  facts["records"] = record_counts(*world->full);
  facts["database_bytes"] =
      file_bytes(world->full->db_path()) + file_bytes(world->full->db_path() + "-wal");
  facts["peak_rss_after_seed_kb"] = seeded.peak_kb;
  facts["rss_after_seed_kb"] = seeded.current_kb;
  facts["rss_anon_after_seed_kb"] = seeded.anon_kb;
  facts["rss_file_after_seed_kb"] = seeded.file_kb;
  facts["audit_report_findings"] = world->audit_findings;
  benchmark::AddCustomContext("peak_rss_after_seed_kB", std::to_string(seeded.peak_kb));
  benchmark::AddCustomContext("rss_after_seed_kB", std::to_string(seeded.current_kb));
  std::fprintf(stderr,
               "isms_bench_operations: %s; peak RSS after seeding %lld kB (now %lld kB); "
               "audit report of %lld findings\n",
               dump_json(facts["records"]).c_str(), static_cast<long long>(seeded.peak_kb),
               static_cast<long long>(seeded.current_kb),
               static_cast<long long>(world->audit_findings));

  register_all();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();

  Memory end = memory();
  facts["peak_rss_end_kb"] = end.peak_kb;
  facts["rss_end_kb"] = end.current_kb;
  facts["rss_anon_end_kb"] = end.anon_kb;
  facts["rss_file_end_kb"] = end.file_kb;
  if (!facts_path.empty()) std::ofstream(facts_path) << dump_json(facts) << "\n";
  world->raw.reset();
  world->raw_writer.reset();
  world->full.reset();
  world->defaults.reset();
  if (temporary) {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  return 0;
}
