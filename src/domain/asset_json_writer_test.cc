#include "domain/asset_json_writer.h"

#include <gtest/gtest.h>

#include <random>

namespace isms {
namespace {

// Text from pieces that exercise every escaping rule, plus raw random bytes (ill-formed
// UTF-8 that dump_json replaces); sometimes empty.
std::string random_text(std::mt19937& rng) {
  static const std::string pieces[] = {
      "Billing",  " ",           "API",  "\"quoted\"", "back\\slash", "a/b",
      "\n",       "\r\n",        "\t",   "\b",         "\f",          std::string(1, '\0'),
      "\x01",     "\x1f",        "\x7f", "Grüße",      "日本",        "\xF0\x9F\x94\x90",
      "\xC2\x85", "\xEF\xBF\xBD"};
  std::string s;
  int n = static_cast<int>(rng() % 12);
  for (int i = 0; i < n; ++i) {
    if (rng() % 8 == 0) {
      s.push_back(static_cast<char>(rng() % 256));
    } else {
      s += pieces[rng() % std::size(pieces)];
    }
  }
  return s;
}

std::optional<std::string> maybe_text(std::mt19937& rng) {
  if (rng() % 3 == 0) return std::nullopt;
  return random_text(rng);
}

Asset random_asset(std::mt19937& rng) {
  Asset a;
  a.id = random_text(rng);
  a.name = random_text(rng);
  a.type = static_cast<AssetType>(rng() % 9);
  a.description = random_text(rng);
  a.owner_id = maybe_text(rng);
  a.owner_name = maybe_text(rng);
  a.business_function = random_text(rng);
  a.classification = static_cast<Classification>(rng() % 4);
  a.confidentiality = static_cast<int>(rng() % 6) - 1;
  a.integrity = static_cast<int>(rng() % 4) + 1;
  a.availability = static_cast<int>(rng() % 4) + 1;
  a.authenticity = static_cast<int>(rng() % 4) + 1;
  a.lifecycle_status = static_cast<LifecycleStatus>(rng() % 4);
  int deps = static_cast<int>(rng() % 4);
  for (int i = 0; i < deps; ++i) a.depends_on.push_back(random_text(rng));
  a.archived_at = maybe_text(rng);
  a.archive_reason = maybe_text(rng);
  a.version = static_cast<int64_t>(rng()) * (rng() % 2 ? 1 : 1000003);
  a.created_at = "2026-11-28T07:30:00Z";
  a.updated_at = random_text(rng);
  return a;
}

TEST(AssetJsonWriter, DefaultAssetMatchesDumpJson) {
  Asset a;
  std::string out;
  append_asset_json(a, &out);
  EXPECT_EQ(out, dump_json(asset_to_json(a)));
}

TEST(AssetJsonWriter, GeneratedAssetsMatchDumpJsonByteForByte) {
  std::mt19937 rng(20261128);
  for (int i = 0; i < 5000; ++i) {
    Asset a = random_asset(rng);
    std::string out = "prefix";  // appends, never overwrites
    append_asset_json(a, &out);
    ASSERT_EQ(out, "prefix" + dump_json(asset_to_json(a))) << "asset #" << i;
  }
}

}  // namespace
}  // namespace isms
