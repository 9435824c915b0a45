// Micro benchmarks of encoding one page of the asset list (50 assets from the benchmark
// generator) as the HTTP handler does: asset_to_json per asset into a Json tree, then
// dump_json. BM_PageDirectWriter writes the same JSON text straight from the Asset values
// into one string; it is a yardstick for what the encoding could cost, not production code
// (it skips the UTF-8 repair that dump_json does, valid here because stored text is UTF-8).
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "base/crypto.h"
#include "base/json.h"
#include "base/time.h"
#include "domain/asset.h"
#include "seed/generator.h"

namespace {

std::vector<isms::Asset> page_of_assets() {
  isms::crypto_init();
  isms::bench::Generator generator(7, isms::SystemClock().now_micros());
  std::vector<std::string> owners, earlier;
  for (int i = 0; i < 50; ++i) owners.push_back(isms::new_id());
  std::vector<isms::Asset> page;
  for (int i = 0; i < 50; ++i) {
    page.push_back(generator.asset(1000 + i, owners, earlier));
    page.back().owner_name = "Anna Berg";
    earlier.push_back(page.back().id);
  }
  return page;
}

void BM_PageTreeThenDump(benchmark::State& state) {
  const auto page = page_of_assets();
  size_t bytes = 0;
  for (auto _ : state) {
    isms::Json items = isms::Json::array();
    for (const auto& a : page) items.push_back(isms::asset_to_json(a));
    isms::Json body{{"items", std::move(items)}, {"next_cursor", nullptr}};
    std::string text = isms::dump_json(body);
    bytes = text.size();
    benchmark::DoNotOptimize(text);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_PageTreeThenDump);

// Only the tree building, to split the cost above.
void BM_PageTreeOnly(benchmark::State& state) {
  const auto page = page_of_assets();
  for (auto _ : state) {
    isms::Json items = isms::Json::array();
    for (const auto& a : page) items.push_back(isms::asset_to_json(a));
    benchmark::DoNotOptimize(items);
  }
}
BENCHMARK(BM_PageTreeOnly);

void append_string(std::string_view s, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out->push_back('\\');
      out->push_back(c);
    } else if (u < 0x20) {
      out->append("\\u00");
      out->push_back(kHex[u >> 4]);
      out->push_back(kHex[u & 15]);
    } else {
      out->push_back(c);
    }
  }
  out->push_back('"');
}

void append_optional(const std::optional<std::string>& s, std::string* out) {
  if (s) {
    append_string(*s, out);
  } else {
    out->append("null");
  }
}

// Keys in the same (sorted) order as nlohmann's std::map, so the bytes match.
void append_asset(const isms::Asset& a, std::string* out) {
  out->append("{\"archive_reason\":");
  append_optional(a.archive_reason, out);
  out->append(",\"archived\":").append(a.archived() ? "true" : "false");
  out->append(",\"archived_at\":");
  append_optional(a.archived_at, out);
  out->append(",\"authenticity\":").append(std::to_string(a.authenticity));
  out->append(",\"availability\":").append(std::to_string(a.availability));
  out->append(",\"business_function\":");
  append_string(a.business_function, out);
  out->append(",\"classification\":");
  append_string(isms::classification_name(a.classification), out);
  out->append(",\"confidentiality\":").append(std::to_string(a.confidentiality));
  out->append(",\"created_at\":");
  append_string(a.created_at, out);
  out->append(",\"depends_on\":[");
  for (size_t i = 0; i < a.depends_on.size(); ++i) {
    if (i) out->push_back(',');
    append_string(a.depends_on[i], out);
  }
  out->append("],\"description\":");
  append_string(a.description, out);
  out->append(",\"id\":");
  append_string(a.id, out);
  out->append(",\"integrity\":").append(std::to_string(a.integrity));
  out->append(",\"lifecycle_status\":");
  append_string(isms::lifecycle_status_name(a.lifecycle_status), out);
  out->append(",\"name\":");
  append_string(a.name, out);
  out->append(",\"owner_id\":");
  append_optional(a.owner_id, out);
  out->append(",\"owner_name\":");
  append_optional(a.owner_name, out);
  out->append(",\"type\":");
  append_string(isms::asset_type_name(a.type), out);
  out->append(",\"updated_at\":");
  append_string(a.updated_at, out);
  out->append(",\"version\":").append(std::to_string(a.version)).push_back('}');
}

std::string direct_page(const std::vector<isms::Asset>& page) {
  std::string text;
  text.reserve(64 * 1024);
  text.append("{\"items\":[");
  for (size_t i = 0; i < page.size(); ++i) {
    if (i) text.push_back(',');
    append_asset(page[i], &text);
  }
  text.append("],\"next_cursor\":null}");
  return text;
}

void BM_PageDirectWriter(benchmark::State& state) {
  const auto page = page_of_assets();
  isms::Json items = isms::Json::array();
  for (const auto& a : page) items.push_back(isms::asset_to_json(a));
  if (direct_page(page) != isms::dump_json({{"items", items}, {"next_cursor", nullptr}})) {
    state.SkipWithError("direct writer output differs from dump_json");
    return;
  }
  size_t bytes = 0;
  for (auto _ : state) {
    std::string text = direct_page(page);
    bytes = text.size();
    benchmark::DoNotOptimize(text);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_PageDirectWriter);

}  // namespace
