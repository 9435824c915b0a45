// OSCAL catalogs: reading the NIST sample catalog (tests/fixtures/oscal/), writing valid
// OSCAL 1.1.2, round trips of the built-in frameworks, bad input.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "base/json.h"
#include "formats/catalogue_formats.h"

namespace isms {
namespace {

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(ISMS_FIXTURES_DIR) + "/" + name, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const Requirement* find(const CatalogueLibrary& lib, std::string_view ref) {
  for (const Requirement& r : lib.requirements)
    if (r.ref_id == ref) return &r;
  return nullptr;
}

// --- a structural check of the OSCAL 1.1.2 catalog model, for what the writer emits ----

const std::regex kToken(R"(^[A-Za-z_][A-Za-z0-9._-]*$)");
const std::regex kUuid(R"(^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$)");
const std::regex kString(R"(^\S(.*\S)?$)");
const std::regex kDateTime(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$)");

struct Validator {
  std::vector<std::string> errors;
  std::set<std::string> ids;

  void fail(const std::string& path, const std::string& what) {
    errors.push_back(path + ": " + what);
  }
  void only(const Json& j, const std::string& path, std::set<std::string> allowed) {
    if (!j.is_object()) return fail(path, "not an object");
    for (auto& [k, v] : j.items())
      if (!allowed.count(k)) fail(path, "unexpected key " + k);
  }
  void string(const Json& j, const char* key, const std::string& path, const std::regex* re,
              bool required) {
    if (!j.contains(key)) {
      if (required) fail(path, std::string("missing ") + key);
      return;
    }
    if (!j[key].is_string()) return fail(path + "." + key, "not a string");
    if (re && !std::regex_match(j[key].get<std::string>(), *re))
      fail(path + "." + key, "bad value " + j[key].get<std::string>());
  }
  void prop(const Json& p, const std::string& path) {
    only(p, path, {"name", "uuid", "ns", "value", "class", "group", "remarks"});
    string(p, "name", path, &kToken, true);
    string(p, "value", path, &kString, true);
    string(p, "ns", path, nullptr, false);
  }
  void props(const Json& j, const std::string& path) {
    if (!j.contains("props")) return;
    if (!j["props"].is_array() || j["props"].empty()) return fail(path + ".props", "not a list");
    for (size_t i = 0; i < j["props"].size(); ++i)
      prop(j["props"][i], path + ".props[" + std::to_string(i) + "]");
  }
  void part(const Json& p, const std::string& path) {
    only(p, path, {"id", "name", "ns", "class", "title", "props", "prose", "parts", "links"});
    string(p, "id", path, &kToken, false);
    string(p, "name", path, &kToken, true);
    if (p.contains("id")) unique(p["id"], path);
  }
  void unique(const Json& id, const std::string& path) {
    if (!ids.insert(id.get<std::string>()).second) fail(path, "duplicate id");
  }
  void item(const Json& j, const std::string& path, bool control) {
    only(j, path,
         {"id", "class", "title", "params", "props", "links", "parts", "groups", "controls"});
    string(j, "id", path, &kToken, control);
    string(j, "title", path, nullptr, true);
    if (j.contains("title") && j["title"].get<std::string>().find('\n') != std::string::npos)
      fail(path, "title with a line break");
    if (j.contains("id")) unique(j["id"], path);
    props(j, path);
    if (j.contains("parts"))
      for (size_t i = 0; i < j["parts"].size(); ++i)
        part(j["parts"][i], path + ".parts[" + std::to_string(i) + "]");
    if (control && j.contains("groups")) fail(path, "groups inside a control");
    if (!control && j.contains("groups") && j.contains("controls"))
      fail(path, "a group with both groups and controls");
    children(j, path);
  }
  void children(const Json& j, const std::string& path) {
    for (const char* key : {"groups", "controls"}) {
      if (!j.contains(key)) continue;
      if (!j[key].is_array() || j[key].empty()) fail(path + "." + key, "empty or not a list");
      for (size_t i = 0; i < j[key].size(); ++i)
        item(j[key][i], path + "." + key + "[" + std::to_string(i) + "]",
             std::string_view(key) == "controls");
    }
  }
  void catalog(const Json& doc) {
    only(doc, "", {"catalog"});
    const Json& c = doc["catalog"];
    only(c, "catalog", {"uuid", "metadata", "params", "controls", "groups", "back-matter"});
    string(c, "uuid", "catalog", &kUuid, true);
    const Json& m = c["metadata"];
    only(m, "catalog.metadata",
         {"title", "published", "last-modified", "version", "oscal-version", "revisions",
          "document-ids", "props", "links", "roles", "locations", "parties", "responsible-parties",
          "actions", "remarks"});
    string(m, "title", "catalog.metadata", &kString, true);
    string(m, "last-modified", "catalog.metadata", &kDateTime, true);
    string(m, "version", "catalog.metadata", &kString, true);
    string(m, "oscal-version", "catalog.metadata", nullptr, true);
    if (m.value("oscal-version", "") != "1.1.2") fail("catalog.metadata", "oscal-version");
    props(m, "catalog.metadata");
    if (m.contains("parties"))
      for (const Json& p : m["parties"]) {
        string(p, "uuid", "party", &kUuid, true);
        if (p.value("type", "") != "organization") fail("party", "type");
      }
    if (m.contains("roles"))
      for (const Json& r : m["roles"]) string(r, "id", "role", &kToken, true);
    if (c.contains("back-matter"))
      for (const Json& r : c["back-matter"]["resources"])
        string(r, "uuid", "resource", &kUuid, true);
    children(c, "catalog");
  }
};

std::vector<std::string> validate(const std::string& text) {
  auto doc = parse_json(text);
  if (!doc.ok()) return {doc.error().message};
  Validator v;
  v.catalog(*doc);
  return v.errors;
}

TEST(OscalRead, SampleCatalog) {
  auto lib = read_oscal_catalog(fixture("oscal/basic-catalog.json"), "");
  ASSERT_TRUE(lib.ok()) << lib.error().message;
  ASSERT_EQ(lib->frameworks.size(), 1u);
  const Framework& f = lib->frameworks[0];
  EXPECT_EQ(f.id, "sample-security-catalog-for-demonstration-and-testing");
  EXPECT_EQ(f.name, "Sample Security Catalog *for Demonstration* and Testing");
  EXPECT_EQ(f.version, "1.1");
  EXPECT_EQ(f.source, "oscal");
  EXPECT_NE(f.description.find("ISO/IEC 27002:2013"), std::string::npos);
  const Requirement* s1 = find(*lib, "1");
  ASSERT_NE(s1, nullptr);
  EXPECT_EQ(s1->kind, "group");
  EXPECT_FALSE(s1->assessable);
  EXPECT_EQ(s1->urn, "s1");
  const Requirement* c = find(*lib, "1.1.1");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->title, "Information security roles and responsibilities");
  EXPECT_EQ(c->parent_ref_id, "s1.1");  // the group has no label: its id
  EXPECT_EQ(c->kind, "control");
  EXPECT_TRUE(c->assessable);
  EXPECT_EQ(c->description.rfind("All information security responsibilities", 0), 0u);
  EXPECT_NE(c->description.find("{{ insert: param, s1.1.1-prm1 }}"), std::string::npos);
  EXPECT_NE(c->notes.find("Allocation of information security responsibilities"),
            std::string::npos);
  for (size_t i = 0; i < lib->requirements.size(); ++i)
    EXPECT_EQ(lib->requirements[i].position, static_cast<int>(i));
  auto given = read_oscal_catalog(fixture("oscal/basic-catalog.json"), "my-catalog");
  ASSERT_TRUE(given.ok());
  EXPECT_EQ(given->frameworks[0].id, "my-catalog");
  EXPECT_EQ(given->requirements[0].framework_id, "my-catalog");
}

void expect_round_trip(const Framework& f, const std::vector<Requirement>& reqs) {
  std::string text = write_oscal_catalog(f, reqs);
  for (const auto& e : validate(text)) ADD_FAILURE() << f.id << ": " << e;
  auto back = read_oscal_catalog(text, f.id);
  ASSERT_TRUE(back.ok()) << back.error().message;
  ASSERT_EQ(back->frameworks.size(), 1u);
  const Framework& g = back->frameworks[0];
  EXPECT_EQ(g.id, f.id);
  EXPECT_EQ(g.name, f.name);
  EXPECT_EQ(g.version, f.version);
  EXPECT_EQ(g.description, f.description);
  EXPECT_EQ(g.ref_id, f.ref_id);
  EXPECT_EQ(g.provider, f.provider);
  EXPECT_EQ(g.copyright, f.copyright);
  ASSERT_EQ(back->requirements.size(), reqs.size());
  for (size_t i = 0; i < reqs.size(); ++i) {
    const Requirement& a = reqs[i];
    const Requirement& b = back->requirements[i];
    EXPECT_EQ(b.framework_id, f.id);
    EXPECT_EQ(b.ref_id, a.ref_id);
    EXPECT_EQ(b.parent_ref_id, a.parent_ref_id) << a.ref_id;
    EXPECT_EQ(b.title, a.title) << a.ref_id;
    EXPECT_EQ(b.description, a.description) << a.ref_id;
    EXPECT_EQ(b.kind, a.kind) << a.ref_id;
    EXPECT_EQ(b.assessable, a.assessable) << a.ref_id;
    EXPECT_EQ(b.position, a.position) << a.ref_id;
    EXPECT_EQ(b.notes, a.notes) << a.ref_id;
  }
  // Stable: the same framework exports the same bytes.
  EXPECT_EQ(write_oscal_catalog(f, reqs), text);
}

std::vector<Requirement> requirements_of(const CatalogueLibrary& lib, const std::string& id) {
  std::vector<Requirement> out;
  for (const Requirement& r : lib.requirements)
    if (r.framework_id == id) out.push_back(r);
  std::stable_sort(out.begin(), out.end(), [](const Requirement& a, const Requirement& b) {
    return a.position < b.position;
  });
  return out;
}

TEST(OscalWrite, BuiltinFrameworksRoundTrip) {
  for (const Framework& f : builtin_catalogue().frameworks)
    expect_round_trip(f, requirements_of(builtin_catalogue(), f.id));
}

TEST(OscalWrite, SampleCatalogRoundTrips) {
  auto lib = read_oscal_catalog(fixture("oscal/basic-catalog.json"), "sample");
  ASSERT_TRUE(lib.ok());
  expect_round_trip(lib->frameworks[0], lib->requirements);
}

TEST(OscalWrite, CisoAssistantNis2RoundTrips) {
  auto lib = read_ciso_assistant_library(fixture(
      "ciso-assistant/"
      "annex-nis2-regulation--2024-2690-with-technical-implementation-guidance-by-enisa.yaml"));
  ASSERT_TRUE(lib.ok()) << lib.error().message;
  expect_round_trip(lib->frameworks[0], requirements_of(*lib, lib->frameworks[0].id));
}

TEST(OscalWrite, IdsLabelsAndShape) {
  const CatalogueLibrary& lib = builtin_catalogue();
  Framework iso = lib.frameworks[0];
  iso.updated_at = "2026-03-01T10:00:00.000000Z";
  auto doc = parse_json(write_oscal_catalog(iso, requirements_of(lib, iso.id)));
  ASSERT_TRUE(doc.ok());
  const Json& c = (*doc)["catalog"];
  EXPECT_EQ(c["metadata"]["last-modified"], "2026-03-01T10:00:00.000000Z");
  EXPECT_EQ(c["metadata"]["document-ids"][0]["identifier"], "ISO/IEC 27001:2022");
  // Clauses 4..10 and Annex A are groups; A.5.1 a control labelled with its ref id.
  ASSERT_EQ(c["groups"].size(), 8u);
  EXPECT_EQ(c["groups"][0]["id"], "r-4");
  const Json& annex = c["groups"][7];
  EXPECT_EQ(annex["id"], "a");
  const Json& a51 = annex["groups"][0]["controls"][0];
  EXPECT_EQ(a51["id"], "a-5-1");
  EXPECT_EQ(a51["props"][0]["name"], "label");
  EXPECT_EQ(a51["props"][0]["value"], "A.5.1");
  EXPECT_FALSE(a51["props"][0].contains("ns"));
  EXPECT_EQ(a51["props"][1]["ns"], "urn:isms");
}

TEST(OscalWrite, EdgeCases) {
  Framework f;
  f.id = "edge";
  f.name = "Edge";
  f.source = "oscal";
  std::vector<Requirement> reqs;
  auto add = [&](std::string ref, std::string parent, std::string title, bool assessable) {
    Requirement r;
    r.framework_id = "edge";
    r.ref_id = std::move(ref);
    r.parent_ref_id = std::move(parent);
    r.title = std::move(title);
    r.kind = "requirement";
    r.assessable = assessable;
    r.position = static_cast<int>(reqs.size());
    reqs.push_back(r);
  };
  add("1", "", "", false);        // no title, version unknown
  add("1.1", "1", "Leaf", true);  // sibling of a heading: all controls
  add("1.2", "1", "Head", false);
  add("1.2.a", "1.2", "Point", true);
  add("1-1", "", "Slug twin", true);  // "r-1-1" is taken by 1.1
  add("ü.1", "", "Non-ASCII", true);
  expect_round_trip(f, reqs);
  std::string text = write_oscal_catalog(f, reqs);
  EXPECT_NE(text.find("\"r-1-1-2\""), std::string::npos);
  EXPECT_NE(text.find("\"unspecified\""), std::string::npos);
  expect_round_trip(f, {});
}

// --- bad input ------------------------------------------------------------------------

void expect_error(std::string_view json, ErrorCode code, const std::string& text) {
  auto lib = read_oscal_catalog(json, "");
  ASSERT_FALSE(lib.ok()) << json.substr(0, 200);
  EXPECT_EQ(lib.error().code, code) << lib.error().message;
  EXPECT_NE(lib.error().message.find(text), std::string::npos) << lib.error().message;
}

TEST(OscalBadInput, Refused) {
  expect_error("{", ErrorCode::kMalformed, "malformed JSON");
  expect_error("not json", ErrorCode::kMalformed, "malformed JSON");
  expect_error("{\"a\":\"\xff\"}", ErrorCode::kMalformed, "UTF-8");
  expect_error("[]", ErrorCode::kInvalid, "catalog");
  expect_error("{\"component-definition\":{}}", ErrorCode::kInvalid, "catalog");
  expect_error("{\"catalog\":5}", ErrorCode::kInvalid, "catalog");
  expect_error("{\"catalog\":{}}", ErrorCode::kInvalid, "catalog.metadata");
  expect_error("{\"catalog\":{\"metadata\":{\"title\":\"\"}}}", ErrorCode::kInvalid,
               "catalog.metadata.title");
  const std::string head = "{\"catalog\":{\"metadata\":{\"title\":\"T\"},";
  expect_error(head + "\"groups\":{}}}", ErrorCode::kInvalid, "catalog.groups");
  expect_error(head + "\"groups\":[{\"controls\":[{\"title\":\"x\"}]}]}}", ErrorCode::kInvalid,
               "catalog.groups[0].controls[0].id: missing");
  expect_error(head + "\"controls\":[{\"id\":\"a\",\"title\":5}]}}", ErrorCode::kInvalid,
               "catalog.controls[0].title");
  expect_error(head + "\"controls\":[{\"id\":\"a\"},{\"id\":\"a\"}]}}", ErrorCode::kInvalid,
               "catalog.controls[1].props.label");
  expect_error(head + "\"controls\":[{\"id\":\"a\",\"props\":[{\"name\":\"label\",\"value\":\"" +
                   std::string(101, 'x') + "\"}]}]}}",
               ErrorCode::kInvalid, "catalog.controls[0].props.label");
  std::string deep = std::string(65, '[') + std::string(65, ']');
  expect_error(deep, ErrorCode::kMalformed, "deeper than 64");
  expect_error(std::string(kMaxLibraryBytes + 1, ' '), ErrorCode::kTooLarge, "larger than");
  auto bad_id = read_oscal_catalog(head + "\"controls\":[]}}", "Not An Id");
  ASSERT_FALSE(bad_id.ok());
  EXPECT_EQ(bad_id.error().field, "framework");
}

}  // namespace
}  // namespace isms
