// isms_bench_risks: the risk register, controls and SoA of issue 5 over a seeded store
// (isms_bench_seed --assets A --controls 5000 --risks 100000), each figure next to a
// reference measured in the same run (docs/performance.md, "Risks, controls and the SoA").
// Run through bench/risks.sh, which seeds the store and prints the summary table.
//
//   isms_bench_risks --data DIR [--database URL] [Google Benchmark flags]
//
// Benchmark names are "<group>/<what>"; "<group>/ref:<what>" is a reference, and every
// other row of the group is divided by the group's references in the summary (as in
// isms_bench_documents):
//
//   heat-map  StoreTx::risk_heat_map (residual, inherent) and risk_owner_summary, each in
//             its own read transaction; RiskService::heat_map and RiskService::summary
//             (what GET /api/v1/risks/heat-map and /summary compute on a cache miss, less
//             the JSON), and the above-appetite count the summary makes (list_risks, limit
//             1, include_total). References, through the database's own C API (sqlite3 /
//             libpq): "SELECT count(*) FROM risks WHERE archived = 0" (index-only) and
//             "... WHERE archived_at IS NULL" (reads the table rows): the floor of visiting
//             every active risk once.
//   list      StoreTx::list_risks pages of 50 in the shapes the HTTP benchmark requests
//             (default ref order, -residual_level, above the appetite, q=vault, one heat-map
//             cell, the default order with include_total), RiskService::list of the default
//             page (flags and methods added), StoreTx::list_controls and ControlService::list
//             pages of 50. Reference: one raw "SELECT * FROM risks ORDER BY ref_number LIMIT
//             50" with every column read: the floor of reading 50 risk rows.
//   soa       SoaService::export_soa of the working copy as XLSX (93 Annex A lines with the
//             5,000 controls, their evidence and risks behind them) and
//             SoaService::working_copy and StoreTx::requirement_controls (its main read)
//             alone. Reference: write_xlsx (render/table_export.h)
//             of plain sheets holding exactly the cells of that export (read back from its
//             XLSX with read_xlsx_table before the benchmarks run).
#include <benchmark/benchmark.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "base/content_cipher.h"
#include "base/crypto.h"
#include "base/time.h"
#include "formats/table_reader.h"
#include "ledger/signer.h"
#include "render/table_export.h"
#include "service/context.h"
#include "service/control_service.h"
#include "service/risk_service.h"
#include "service/soa_service.h"
#include "store/store.h"

using namespace isms;

namespace {

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "isms_bench_risks: %s\n", what.c_str());
  std::exit(1);
}

template <typename T>
T must(Result<T> r, const std::string& what) {
  if (!r) fail(what + ": " + r.error().message);
  return std::move(*r);
}

// The same statement through the database's C API, without the store: the reference.
class RawQuery {
 public:
  virtual ~RawQuery() = default;
  // Runs sql and reads every column of every row as text; returns the rows.
  virtual int64_t run(const std::string& sql) = 0;
};

class SqliteRaw : public RawQuery {
 public:
  explicit SqliteRaw(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) !=
        SQLITE_OK) {
      fail("sqlite open " + path);
    }
    // The store's read pragmas (sqlite_store.cc) so both read the same way.
    sqlite3_exec(db_, "PRAGMA cache_size=-16000; PRAGMA mmap_size=268435456;", nullptr, nullptr,
                 nullptr);
  }
  ~SqliteRaw() override { sqlite3_close_v2(db_); }
  int64_t run(const std::string& sql) override {
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

 private:
  sqlite3* db_ = nullptr;
};

class PgRaw : public RawQuery {
 public:
  explicit PgRaw(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
    if (PQstatus(conn_) != CONNECTION_OK) fail(std::string("libpq: ") + PQerrorMessage(conn_));
  }
  ~PgRaw() override { PQfinish(conn_); }
  int64_t run(const std::string& sql) override {
    PGresult* r = PQexec(conn_, sql.c_str());
    if (PQresultStatus(r) != PGRES_TUPLES_OK) fail(sql + ": " + PQerrorMessage(conn_));
    int64_t rows = PQntuples(r);
    size_t bytes = 0;
    for (int i = 0; i < PQntuples(r); ++i) {
      for (int j = 0; j < PQnfields(r); ++j) bytes += std::strlen(PQgetvalue(r, i, j));
    }
    PQclear(r);
    benchmark::DoNotOptimize(bytes);
    return rows;
  }

 private:
  PGconn* conn_;
};

struct World {
  std::unique_ptr<Store> store;
  SystemClock clock;
  std::unique_ptr<ledger::Signer> signer;
  std::unique_ptr<ContentKeyring> keyring;
  ServiceContext ctx{};
  Principal op = operator_principal("cli:bench");
  std::unique_ptr<RawQuery> raw;
  std::string today;
  int appetite_rank = 0;
  std::vector<Sheet> soa_sheets;  // the cells of the SoA export, for the reference
};
World* world = nullptr;

// ---------------------------------------------------------------------------------------
// heat-map

void BM_StoreHeatMap(benchmark::State& state, bool residual) {
  size_t cells = 0;
  for (auto _ : state) {
    auto tx = must(world->store->begin_read(), "begin_read");
    auto map = must(tx->risk_heat_map(residual), "risk_heat_map");
    cells = map.size();
    benchmark::DoNotOptimize(map);
  }
  state.counters["cells"] = static_cast<double>(cells);
}

void BM_StoreOwnerSummary(benchmark::State& state) {
  for (auto _ : state) {
    auto tx = must(world->store->begin_read(), "begin_read");
    benchmark::DoNotOptimize(
        must(tx->risk_owner_summary(world->appetite_rank, 10), "risk_owner_summary"));
  }
}

void BM_ServiceHeatMap(benchmark::State& state) {
  RiskService svc(world->ctx);
  for (auto _ : state) benchmark::DoNotOptimize(must(svc.heat_map(world->op, true), "heat_map"));
}

void BM_ServiceSummary(benchmark::State& state) {
  RiskService svc(world->ctx);
  for (auto _ : state) benchmark::DoNotOptimize(must(svc.summary(world->op), "summary"));
}

// The count of the active risks RiskService::summary shows (the register filtered as for
// ?above_appetite=true, limit 1, include_total): one page row and one count.
void BM_StoreAboveAppetiteTotal(benchmark::State& state) {
  RiskQuery q;
  q.min_residual_level = world->appetite_rank + 1;
  q.limit = 1;
  q.with_total = true;
  int64_t total = 0;
  for (auto _ : state) {
    auto tx = must(world->store->begin_read(), "begin_read");
    total = must(tx->list_risks(q), "list_risks").total.value_or(0);
  }
  state.counters["total"] = static_cast<double>(total);
}

void BM_RefCount(benchmark::State& state, const char* sql) {
  int64_t rows = 0;
  for (auto _ : state) rows = world->raw->run(sql);
  if (rows != 1) fail("count(*) gave no row");
}

// ---------------------------------------------------------------------------------------
// list

void BM_StoreListRisks(benchmark::State& state, RiskQuery query) {
  size_t items = 0;
  for (auto _ : state) {
    auto tx = must(world->store->begin_read(), "begin_read");
    RiskPage page = must(tx->list_risks(query), "list_risks");
    items = page.items.size();
    benchmark::DoNotOptimize(page);
  }
  state.counters["items"] = static_cast<double>(items);
}

void BM_ServiceListRisks(benchmark::State& state) {
  RiskService svc(world->ctx);
  RiskListRequest request;
  size_t items = 0;
  for (auto _ : state) {
    RiskListResult r = must(svc.list(world->op, request), "RiskService::list");
    items = r.items.size();
    benchmark::DoNotOptimize(r);
  }
  state.counters["items"] = static_cast<double>(items);
}

void BM_StoreListControls(benchmark::State& state) {
  ControlQuery query;
  query.include_confidential = true;
  size_t items = 0;
  for (auto _ : state) {
    auto tx = must(world->store->begin_read(), "begin_read");
    ControlPage page = must(tx->list_controls(query, world->today), "list_controls");
    items = page.items.size();
    benchmark::DoNotOptimize(page);
  }
  state.counters["items"] = static_cast<double>(items);
}

void BM_ServiceListControls(benchmark::State& state) {
  ControlService svc(world->ctx);
  ControlListRequest request;
  for (auto _ : state) {
    benchmark::DoNotOptimize(must(svc.list(world->op, request), "ControlService::list"));
  }
}

void BM_RefPage(benchmark::State& state) {
  int64_t rows = 0;
  for (auto _ : state) rows = world->raw->run("SELECT * FROM risks ORDER BY ref_number LIMIT 50");
  state.counters["items"] = static_cast<double>(rows);
}

// ---------------------------------------------------------------------------------------
// soa

void BM_SoaExportXlsx(benchmark::State& state) {
  SoaService svc(world->ctx);
  size_t bytes = 0;
  for (auto _ : state) {
    SoaExport out = must(svc.export_soa(world->op, "working", SoaExportFormat::kXlsx), "export");
    bytes = out.bytes.size();
    benchmark::DoNotOptimize(out);
  }
  state.counters["kB"] = static_cast<double>(bytes) / 1024;
}

void BM_SoaWorkingCopy(benchmark::State& state) {
  SoaService svc(world->ctx);
  size_t lines = 0;
  for (auto _ : state) {
    SoaWorkingCopy w = must(svc.working_copy(world->op, {}), "working_copy");
    lines = w.lines.size();
    benchmark::DoNotOptimize(w);
  }
  state.counters["lines"] = static_cast<double>(lines);
}

void BM_StoreRequirementControls(benchmark::State& state) {
  size_t rows = 0, risk_ids = 0;
  for (auto _ : state) {
    auto tx = must(world->store->begin_read(), "begin_read");
    auto out =
        must(tx->requirement_controls("iso27001-2022", world->today), "requirement_controls");
    rows = out.size();
    risk_ids = 0;
    for (const auto& rc : out) risk_ids += rc.risk_ids.size();
    benchmark::DoNotOptimize(out);
  }
  state.counters["rows"] = static_cast<double>(rows);
  state.counters["risk_ids"] = static_cast<double>(risk_ids);
}

void BM_RefWriteXlsx(benchmark::State& state) {
  size_t bytes = 0;
  for (auto _ : state) {
    std::string out = must(write_xlsx(world->soa_sheets), "write_xlsx");
    bytes = out.size();
    benchmark::DoNotOptimize(out);
  }
  state.counters["kB"] = static_cast<double>(bytes) / 1024;
}

// ---------------------------------------------------------------------------------------

// The export's cells, sheet by sheet, as plain text rows (the first row as the header).
std::vector<Sheet> sheets_of(const std::string& xlsx) {
  Table first = must(read_xlsx_table(xlsx, ""), "read export");
  std::vector<Sheet> out;
  for (const std::string& name : first.sheet_names) {
    Table t = must(read_xlsx_table(xlsx, name), "read sheet " + name);
    Sheet s;
    s.name = name;
    for (size_t i = 0; i < t.rows.size(); ++i) {
      std::vector<std::string> row;
      for (const TableCell& c : t.rows[i]) row.push_back(c.text);
      if (i == 0) {
        s.header = std::move(row);
      } else {
        s.rows.push_back(std::move(row));
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

void build_world(const std::string& data_dir, const std::string& database_url) {
  if (!crypto_init()) fail("crypto_init");
  world = new World;
  const std::string url = database_url.empty() ? "sqlite:" + data_dir + "/isms.db" : database_url;
  world->store = must(open_store(url), "open store " + url);
  if (auto m = world->store->migrate(); !m) fail("migrate: " + m.error().message);
  world->signer = std::make_unique<ledger::Signer>(
      must(ledger::Signer::load(data_dir + "/ledger-signing.key", false), "signer"));
  world->keyring = must(load_keyring(data_dir, false), "keyring");
  world->ctx =
      ServiceContext{world->store.get(), &world->clock, world->signer.get(), world->keyring.get()};
  world->today = world->clock.now_utc().substr(0, 10);
  if (database_url.empty()) {
    world->raw = std::make_unique<SqliteRaw>(data_dir + "/isms.db");
  } else {
    world->raw = std::make_unique<PgRaw>(database_url);
  }

  RiskMethod method = must(RiskService(world->ctx).current_method(world->op), "current method");
  world->appetite_rank = method.appetite_rank;
  auto tx = must(world->store->begin_read(), "begin_read");
  RiskQuery all;
  all.with_total = true;
  all.limit = 1;
  int64_t risks = must(tx->list_risks(all), "count risks").total.value_or(0);
  ControlQuery controls;
  controls.with_total = true;
  controls.include_confidential = true;
  controls.limit = 1;
  int64_t control_count =
      must(tx->list_controls(controls, world->today), "count controls").total.value_or(0);
  tx.reset();
  if (risks == 0) fail("the store has no risks: seed it first (isms_bench_seed --risks N)");

  SoaExport soa =
      must(SoaService(world->ctx).export_soa(world->op, "working", SoaExportFormat::kXlsx),
           "SoA export");
  world->soa_sheets = sheets_of(soa.bytes);
  size_t cells = 0;
  for (const Sheet& s : world->soa_sheets) {
    for (const auto& row : s.rows) cells += row.size();
  }
  std::fprintf(stderr,
               "store %s: %lld active risks, %lld active controls, method %lld (appetite rank "
               "%d); SoA export %zu bytes, %zu sheets, %zu data cells\n",
               database_url.empty() ? "sqlite" : "postgresql", static_cast<long long>(risks),
               static_cast<long long>(control_count), static_cast<long long>(method.number),
               method.appetite_rank, soa.bytes.size(), world->soa_sheets.size(), cells);
}

void register_all() {
  auto ms = [](benchmark::internal::Benchmark* b) { b->Unit(benchmark::kMillisecond); };
  ms(benchmark::RegisterBenchmark("heat-map/StoreTx::risk_heat_map residual", BM_StoreHeatMap,
                                  true));
  ms(benchmark::RegisterBenchmark("heat-map/StoreTx::risk_heat_map inherent", BM_StoreHeatMap,
                                  false));
  ms(benchmark::RegisterBenchmark("heat-map/StoreTx::risk_owner_summary", BM_StoreOwnerSummary));
  ms(benchmark::RegisterBenchmark("heat-map/RiskService::heat_map", BM_ServiceHeatMap));
  ms(benchmark::RegisterBenchmark("heat-map/RiskService::summary", BM_ServiceSummary));
  ms(benchmark::RegisterBenchmark("heat-map/StoreTx::list_risks above appetite, total",
                                  BM_StoreAboveAppetiteTotal));
  // The floor of visiting every active risk once: an index-only count (as the heat map's
  // covering index allows) and a scan of the table rows.
  ms(benchmark::RegisterBenchmark("heat-map/ref:count(*) by index", BM_RefCount,
                                  "SELECT count(*) FROM risks WHERE archived = 0"));
  ms(benchmark::RegisterBenchmark("heat-map/ref:count(*) table scan", BM_RefCount,
                                  "SELECT count(*) FROM risks WHERE archived_at IS NULL"));

  // The shapes of bench/risks.sh's HTTP queries, at the store.
  RiskQuery base;  // active risks, ref order, 50
  RiskQuery by_residual = base;
  by_residual.sort = RiskSort::kResidualLevel;
  by_residual.descending = true;
  RiskQuery above = base;
  above.min_residual_level = world->appetite_rank + 1;
  RiskQuery search = base;
  search.search = "vault";
  RiskQuery cell = base;
  cell.likelihood = 4;
  cell.impact = 4;
  cell.cell_residual = true;
  RiskQuery total = base;
  total.with_total = true;
  ms(benchmark::RegisterBenchmark("list/StoreTx::list_risks ref", BM_StoreListRisks, base));
  ms(benchmark::RegisterBenchmark("list/StoreTx::list_risks -residual_level", BM_StoreListRisks,
                                  by_residual));
  ms(benchmark::RegisterBenchmark("list/StoreTx::list_risks above appetite", BM_StoreListRisks,
                                  above));
  ms(benchmark::RegisterBenchmark("list/StoreTx::list_risks q=vault", BM_StoreListRisks, search));
  ms(benchmark::RegisterBenchmark("list/StoreTx::list_risks cell residual:4:4", BM_StoreListRisks,
                                  cell));
  ms(benchmark::RegisterBenchmark("list/StoreTx::list_risks ref include_total", BM_StoreListRisks,
                                  total));
  ms(benchmark::RegisterBenchmark("list/RiskService::list ref", BM_ServiceListRisks));
  ms(benchmark::RegisterBenchmark("list/StoreTx::list_controls ref", BM_StoreListControls));
  ms(benchmark::RegisterBenchmark("list/ControlService::list ref", BM_ServiceListControls));
  ms(benchmark::RegisterBenchmark("list/ref:SELECT 50 risk rows", BM_RefPage));

  ms(benchmark::RegisterBenchmark("soa/SoaService::export_soa xlsx", BM_SoaExportXlsx));
  ms(benchmark::RegisterBenchmark("soa/SoaService::working_copy", BM_SoaWorkingCopy));
  ms(benchmark::RegisterBenchmark("soa/StoreTx::requirement_controls iso27001-2022",
                                  BM_StoreRequirementControls));
  ms(benchmark::RegisterBenchmark("soa/ref:write_xlsx same cells", BM_RefWriteXlsx));
}

}  // namespace

int main(int argc, char** argv) {
  // Our flags first; the rest goes to Google Benchmark.
  std::string data_dir, database_url;
  std::vector<char*> rest{argv[0]};
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if ((a == "--data" || a == "--database") && i + 1 < argc) {
      (a == "--data" ? data_dir : database_url) = argv[++i];
    } else {
      rest.push_back(argv[i]);
    }
  }
  if (data_dir.empty())
    fail("usage: isms_bench_risks --data DIR [--database URL] [benchmark flags]");
  int n = static_cast<int>(rest.size());
  benchmark::Initialize(&n, rest.data());
  if (benchmark::ReportUnrecognizedArguments(n, rest.data())) return 1;
  build_world(data_dir, database_url);
  register_all();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  world->store.reset();
  return 0;
}
