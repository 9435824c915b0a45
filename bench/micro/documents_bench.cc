// isms_bench_documents: the documents, citations and gaps of issue 4, each figure next to
// a reference measured in the same run (docs/performance.md, "Documents, citations and
// gaps"). Run through bench/documents.sh, which prints the summary table with the ratios.
//
// Benchmark names are "<group>/<what>"; a name "<group>/ref:<what>" is a reference, and
// every other row of the group is divided by the group's references in the summary:
//
//   import   DocumentService::import of the sample policy as plain text into a SQLite
//            store (transaction, ledger entry, catalogue snapshot, citation scan, section
//            extraction), each iteration a new document; the parts alone (import_plain_text,
//            load_catalogue_snapshot, scan_citations, extract_sections).
//            References: SHA-256 of the policy bytes; one plain SQLite INSERT of the policy
//            text in its own transaction into the same kind of database (WAL,
//            synchronous=NORMAL, as the store opens it).
//   render   render_document_pdf / render_document_html of the imported version, and
//            DocumentService::render (store read included). Reference: the raw policy text
//            as one Pango layout drawn line by line onto A4 pages of a cairo PDF surface,
//            no structure.
//   gaps     TraceabilityService::gap_report for iso27001-2022 (Annex A) and nis2-2024-2690
//            with the policy published, the XLSX export; and, in a second store with the
//            CISO Assistant fixture libraries imported, the gap report of every framework
//            those libraries created or updated. Reference: list_requirements of the
//            framework (one store read).
#include <benchmark/benchmark.h>
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "base/content_cipher.h"
#include "base/crypto.h"
#include "base/time.h"
#include "domain/citation.h"
#include "domain/document.h"
#include "formats/document_import.h"
#include "ledger/signer.h"
#include "render/document_render.h"
#include "service/catalogue_service.h"
#include "service/context.h"
#include "service/document_service.h"
#include "service/organization_service.h"
#include "service/traceability_service.h"
#include "store/store.h"

#ifndef ISMS_FIXTURES_DIR
#error "ISMS_FIXTURES_DIR must name tests/fixtures"
#endif

namespace fs = std::filesystem;
using namespace isms;

namespace {

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "isms_bench_documents: %s\n", what.c_str());
  std::exit(1);
}

template <typename T>
T must(Result<T> r, const std::string& what) {
  if (!r) fail(what + ": " + r.error().message);
  return std::move(*r);
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail("cannot read " + path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string fixture(const std::string& relative) {
  return read_file(fs::path(ISMS_FIXTURES_DIR) / relative);
}

constexpr const char* kPolicyFile = "information-security-policy.txt";

// The policy with its first non-empty line (the title) made unique, so that each import
// creates a new document with its own title.
std::string policy_copy(const std::string& policy, int64_t n) {
  size_t start = policy.find_first_not_of("\r\n");
  size_t end = policy.find_first_of("\r\n", start);
  if (start == std::string::npos || end == std::string::npos) fail("policy has no title line");
  std::string out = policy;
  out.insert(end, " (copy " + std::to_string(n) + ")");
  return out;
}

// A fresh SQLite store in a temporary directory, initialized as `isms init` does (seed
// roles, the administrator, the built-in catalogue), acting as the local operator.
class Env {
 public:
  explicit Env(const std::string& name) {
    dir_ = fs::temp_directory_path() / ("isms-bench-docs-" + name + "-" + new_id().substr(0, 8));
    fs::create_directories(dir_);
    store_ = must(open_store("sqlite:" + (dir_ / "isms.db").string()), "open store");
    if (auto m = store_->migrate(); !m) fail("migrate: " + m.error().message);
    signer_ = std::make_unique<ledger::Signer>(
        must(ledger::Signer::load((dir_ / "ledger-signing.key").string(), true), "signer"));
    keyring_ = std::make_unique<ContentKeyring>(std::vector<ContentKey>{generate_content_key()});
    ctx_ = ServiceContext{store_.get(), &clock_, signer_.get(), keyring_.get()};
    must(OrganizationService(ctx_).initialize(Actor{"cli:bench"}, "Bench Org"), "initialize");
  }
  ~Env() {
    store_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  Env(const Env&) = delete;
  Env& operator=(const Env&) = delete;

  const ServiceContext& ctx() const { return ctx_; }
  const Principal& op() const { return op_; }
  const fs::path& dir() const { return dir_; }

  DocumentImportOutcome import_policy(const std::string& file_name,
                                      const std::string& bytes) const {
    auto out = must(DocumentService(ctx_).import(op_, {{file_name, bytes}}), "import " + file_name);
    if (out.size() != 1) fail("import gave " + std::to_string(out.size()) + " outcomes");
    return out.front();
  }

  // Submit, approve, publish (the operator may approve: domain/access.h).
  void publish(const std::string& id) const {
    DocumentService svc(ctx_);
    auto version = [&] { return must(svc.get(op_, id), "get").latest->version; };
    must(svc.submit(op_, id, version()), "submit");
    must(svc.approve(op_, id, version()), "approve");
    must(svc.publish(op_, id, version()), "publish");
  }

  CatalogueImportResult import_library(const std::string& bytes, const std::string& what) const {
    return must(CatalogueService(ctx_).import_library(op_, "ciso-assistant", bytes, ""),
                "catalogue import " + what);
  }

 private:
  fs::path dir_;
  SystemClock clock_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<ledger::Signer> signer_;
  std::unique_ptr<ContentKeyring> keyring_;
  ServiceContext ctx_{};
  Principal op_ = operator_principal("cli:bench");
};

// Everything the benchmarks read; built once before they run.
struct World {
  std::string policy;               // the fixture's bytes
  std::unique_ptr<Env> import_env;  // receives a new document per import iteration
  std::unique_ptr<Env> builtin;     // policy published; built-in catalogue only
  std::unique_ptr<Env> ciso;        // policy published; CISO Assistant libraries imported
  std::string document_id;          // the published policy in `builtin`
  DocumentVersion version;          // its latest version (body, sections, citations)
  RenderContext render_context;
  std::vector<std::string> ciso_frameworks;  // created or updated by the libraries
  int64_t copies = 0;
};
World* world = nullptr;

// ---------------------------------------------------------------------------------------
// import

void BM_ServiceImport(benchmark::State& state) {
  for (auto _ : state) {
    state.PauseTiming();
    std::string bytes = policy_copy(world->policy, ++world->copies);
    state.ResumeTiming();
    auto out = world->import_env->import_policy("policy.txt", bytes);
    if (out.action != "created") fail("import action " + out.action);
    benchmark::DoNotOptimize(out);
  }
}

void BM_ImportPlainText(benchmark::State& state) {
  for (auto _ : state) {
    auto doc = import_plain_text(world->policy);
    if (!doc) fail("import_plain_text: " + doc.error().message);
    benchmark::DoNotOptimize(doc);
  }
}

void BM_LoadSnapshot(benchmark::State& state) {
  Store* store = world->import_env->ctx().store;
  for (auto _ : state) {
    auto tx = must(store->begin_read(), "begin_read");
    auto snapshot = must(load_catalogue_snapshot(tx.get()), "snapshot");
    benchmark::DoNotOptimize(snapshot);
  }
}

void BM_ScanCitations(benchmark::State& state) {
  Store* store = world->import_env->ctx().store;
  auto tx = must(store->begin_read(), "begin_read");
  const CatalogueSnapshot snapshot = must(load_catalogue_snapshot(tx.get()), "snapshot");
  tx.reset();
  const std::string body = must(import_plain_text(world->policy), "import_plain_text").content.body;
  size_t citations = 0;
  for (auto _ : state) {
    CitationScan scan = scan_citations(body, snapshot);
    citations = scan.citations.size();
    benchmark::DoNotOptimize(scan);
  }
  state.counters["citations"] = static_cast<double>(citations);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * body.size()));
}

void BM_ExtractSections(benchmark::State& state) {
  const std::string body = must(import_plain_text(world->policy), "import_plain_text").content.body;
  for (auto _ : state) benchmark::DoNotOptimize(extract_sections(body));
}

void BM_RefSha256(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(sha256(world->policy));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * world->policy.size()));
}

// One INSERT of the policy text per transaction, on a database opened like the store's.
void BM_RefSqliteInsert(benchmark::State& state) {
  fs::path path = world->import_env->dir() / "reference.db";
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK)
    fail("sqlite open " + path.string());
  auto exec = [&](const char* sql) {
    char* error = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK)
      fail(std::string(sql) + ": " + error);
  };
  exec(
      "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;"
      "PRAGMA cache_size=-16000; PRAGMA temp_store=MEMORY; PRAGMA mmap_size=268435456;"
      "CREATE TABLE IF NOT EXISTS texts (id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT "
      "NOT NULL)");
  sqlite3_stmt* insert = nullptr;
  if (sqlite3_prepare_v2(db, "INSERT INTO texts (title, body) VALUES (?, ?)", -1, &insert,
                         nullptr) != SQLITE_OK)
    fail("prepare");
  int64_t n = 0;
  for (auto _ : state) {
    std::string title = "Information Security Policy (copy " + std::to_string(++n) + ")";
    exec("BEGIN IMMEDIATE");
    sqlite3_bind_text(insert, 1, title.data(), static_cast<int>(title.size()), SQLITE_STATIC);
    sqlite3_bind_text(insert, 2, world->policy.data(), static_cast<int>(world->policy.size()),
                      SQLITE_STATIC);
    if (sqlite3_step(insert) != SQLITE_DONE) fail("insert");
    sqlite3_reset(insert);
    exec("COMMIT");
  }
  sqlite3_finalize(insert);
  sqlite3_close_v2(db);
}

// ---------------------------------------------------------------------------------------
// render

void BM_RenderPdf(benchmark::State& state) {
  size_t bytes = 0;
  for (auto _ : state) {
    auto pdf = must(render_document_pdf(world->version, world->render_context), "pdf");
    bytes = pdf.size();
    benchmark::DoNotOptimize(pdf);
  }
  state.counters["pdf_kB"] = static_cast<double>(bytes) / 1024;
}

void BM_RenderHtml(benchmark::State& state) {
  size_t bytes = 0;
  for (auto _ : state) {
    std::string html = render_document_html(world->version, world->render_context);
    bytes = html.size();
    benchmark::DoNotOptimize(html);
  }
  state.counters["html_kB"] = static_cast<double>(bytes) / 1024;
}

void BM_ServiceRender(benchmark::State& state, const char* format) {
  DocumentService svc(world->builtin->ctx());
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        must(svc.render(world->builtin->op(), world->document_id, "", format), format));
  }
}

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// The floor of "lay out this much text in a PDF": the raw text as one Pango layout
// (DejaVu Sans 10 pt, wrapped at the A4 text width the renderer uses), its lines drawn
// onto as many A4 pages as they need. No headings, tables, links, header or footer.
void BM_RefPangoPdf(benchmark::State& state) {
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
    pango_layout_set_text(layout, world->policy.data(), static_cast<int>(world->policy.size()));
    PangoLayoutIter* iter = pango_layout_get_iter(layout);
    double page_top = 0;  // layout y (points) at the top of the current page
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
}

// ---------------------------------------------------------------------------------------
// gaps

void BM_GapReport(benchmark::State& state, const Env* env, std::string framework) {
  TraceabilityService svc(env->ctx());
  GapReport report;
  for (auto _ : state) {
    report = must(svc.gap_report(env->op(), framework, ""), "gap report " + framework);
    benchmark::DoNotOptimize(report);
  }
  state.counters["rows"] = static_cast<double>(report.rows.size());
  state.counters["covered"] = report.figures.covered;
}

void BM_GapExport(benchmark::State& state, const Env* env, std::string framework,
                  const char* format) {
  TraceabilityService svc(env->ctx());
  size_t bytes = 0;
  for (auto _ : state) {
    auto out = must(svc.export_gap_report(env->op(), framework, "", format), "export " + framework);
    bytes = out.size();
    benchmark::DoNotOptimize(out);
  }
  state.counters["kB"] = static_cast<double>(bytes) / 1024;
}

void BM_Coverage(benchmark::State& state, const Env* env) {
  TraceabilityService svc(env->ctx());
  for (auto _ : state) benchmark::DoNotOptimize(must(svc.coverage(env->op()), "coverage"));
}

void BM_RefListRequirements(benchmark::State& state, const Env* env, std::string framework) {
  size_t n = 0;
  for (auto _ : state) {
    auto tx = must(env->ctx().store->begin_read(), "begin_read");
    auto requirements = must(tx->list_requirements(framework), "list_requirements");
    n = requirements.size();
    benchmark::DoNotOptimize(requirements);
  }
  state.counters["requirements"] = static_cast<double>(n);
}

// ---------------------------------------------------------------------------------------

void build_world() {
  if (!crypto_init()) fail("crypto_init");
  world = new World;
  world->policy = fixture(kPolicyFile);

  world->import_env = std::make_unique<Env>("import");

  world->builtin = std::make_unique<Env>("builtin");
  world->document_id = world->builtin->import_policy(kPolicyFile, world->policy).document_id;
  world->builtin->publish(world->document_id);
  DocumentView view =
      must(DocumentService(world->builtin->ctx()).get(world->builtin->op(), world->document_id),
           "get policy");
  world->version = *view.latest;
  auto organization =
      must(OrganizationService(world->builtin->ctx()).organization(), "organization");
  world->render_context.organization_name = organization.name;
  world->render_context.status = std::string(version_status_name(world->version.status));
  world->render_context.generated_at = "2026-11-28T12:00:00Z";

  world->ciso = std::make_unique<Env>("ciso");
  // Frameworks first, then the mapping library that links them.
  const char* libraries[] = {
      "ciso-assistant/iso27001-2022.yaml",
      "ciso-assistant/"
      "annex-nis2-regulation--2024-2690-with-technical-implementation-guidance-by-enisa.yaml",
      "ciso-assistant/"
      "mapping-annex-technical-and-methodological-requirements-nis2-and-iso27001-2022.yaml",
  };
  for (const char* library : libraries) {
    CatalogueImportResult r = world->ciso->import_library(fixture(library), library);
    for (const auto& id : r.framework_ids) {
      if (std::find(world->ciso_frameworks.begin(), world->ciso_frameworks.end(), id) ==
          world->ciso_frameworks.end())
        world->ciso_frameworks.push_back(id);
    }
    std::fprintf(stderr,
                 "%s: frameworks %d created, %d updated; requirements +%d ~%d -%d; mappings %d\n",
                 library, r.frameworks_created, r.frameworks_updated, r.requirements_added,
                 r.requirements_changed, r.requirements_removed, r.mappings);
  }
  std::string id = world->ciso->import_policy(kPolicyFile, world->policy).document_id;
  world->ciso->publish(id);

  std::fprintf(
      stderr, "policy: %zu bytes, body %zu bytes, %zu sections, %zu citations, %zu warnings\n",
      world->policy.size(), world->version.content.body.size(), world->version.sections.size(),
      world->version.citations.size(), world->version.warnings.size());
}

void register_all() {
  auto ms = [](benchmark::internal::Benchmark* b) { b->Unit(benchmark::kMillisecond); };
  ms(benchmark::RegisterBenchmark("import/DocumentService::import", BM_ServiceImport));
  ms(benchmark::RegisterBenchmark("import/import_plain_text", BM_ImportPlainText));
  ms(benchmark::RegisterBenchmark("import/load_catalogue_snapshot", BM_LoadSnapshot));
  ms(benchmark::RegisterBenchmark("import/scan_citations", BM_ScanCitations));
  ms(benchmark::RegisterBenchmark("import/extract_sections", BM_ExtractSections));
  ms(benchmark::RegisterBenchmark("import/ref:sqlite_insert_txn", BM_RefSqliteInsert));
  ms(benchmark::RegisterBenchmark("import/ref:sha256", BM_RefSha256));

  ms(benchmark::RegisterBenchmark("render/render_document_pdf", BM_RenderPdf));
  ms(benchmark::RegisterBenchmark("render/render_document_html", BM_RenderHtml));
  ms(benchmark::RegisterBenchmark("render/DocumentService::render(pdf)", BM_ServiceRender, "pdf"));
  ms(benchmark::RegisterBenchmark("render/DocumentService::render(html)", BM_ServiceRender,
                                  "html"));
  ms(benchmark::RegisterBenchmark("render/ref:pango_plain_pdf", BM_RefPangoPdf));

  const Env* builtin = world->builtin.get();
  for (const char* fw : {"iso27001-2022", "nis2-2024-2690"}) {
    std::string group = std::string("gaps-") + fw;
    ms(benchmark::RegisterBenchmark((group + "/gap_report").c_str(), BM_GapReport, builtin, fw));
    ms(benchmark::RegisterBenchmark((group + "/export_xlsx").c_str(), BM_GapExport, builtin, fw,
                                    "xlsx"));
    ms(benchmark::RegisterBenchmark((group + "/export_csv").c_str(), BM_GapExport, builtin, fw,
                                    "csv"));
    ms(benchmark::RegisterBenchmark((group + "/ref:list_requirements").c_str(),
                                    BM_RefListRequirements, builtin, fw));
  }
  ms(benchmark::RegisterBenchmark("coverage/TraceabilityService::coverage", BM_Coverage, builtin));
  ms(benchmark::RegisterBenchmark("coverage/ref:list_requirements(iso27001-2022)",
                                  BM_RefListRequirements, builtin, "iso27001-2022"));

  const Env* ciso = world->ciso.get();
  for (const std::string& fw : world->ciso_frameworks) {
    std::string group = "gaps-ciso-" + fw;
    ms(benchmark::RegisterBenchmark((group + "/gap_report").c_str(), BM_GapReport, ciso, fw));
    ms(benchmark::RegisterBenchmark((group + "/export_xlsx").c_str(), BM_GapExport, ciso, fw,
                                    "xlsx"));
    ms(benchmark::RegisterBenchmark((group + "/ref:list_requirements").c_str(),
                                    BM_RefListRequirements, ciso, fw));
  }
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  build_world();
  register_all();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  delete world;
  return 0;
}
