#include "service/control_service.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <sstream>

#include "service/access_test_support.h"
#include "service/ledger_service.h"
#include "service/traceability_service.h"

namespace isms {
namespace {

const std::string kPdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n";

class ControlServiceTest : public testing::AccessFixture {
 protected:
  void SetUp() override {
    AccessFixture::SetUp();
    ciso_person_ = person("Carla CISO", {"ciso"});
    owner_person_ = person("Olaf Owner", {"employee"});
    other_person_ = person("Rita Reader", {"employee"});
  }

  static Principal principal(const std::string& person_id, std::set<std::string> permissions,
                             const std::string& actor) {
    Principal p;
    p.person_id = person_id;
    p.permissions = std::move(permissions);
    p.actor = actor;
    return p;
  }
  // Holds confidential:read.
  Principal ciso() const {
    return principal(ciso_person_.id, {"controls:read", "controls:write", "confidential:read"},
                     "user:ciso");
  }
  Principal owner() const { return principal(owner_person_.id, {"controls:read"}, "user:owner"); }
  Principal reader() const { return principal(other_person_.id, {"controls:read"}, "user:reader"); }

  ControlPatch patch(const std::string& title, Classification c = Classification::kInternal) {
    ControlPatch p;
    p.fields.title = title;
    p.fields.classification = c;
    p.fields.requirement_keys = std::vector<std::string>{"iso27001-2022:A.5.15"};
    return p;
  }

  Control create(const ControlPatch& p) {
    auto v = ControlService(ctx_).create(ciso(), p);
    EXPECT_TRUE(v) << v.error().message;
    return v ? v->control : Control{};
  }

  EvidenceUpload upload(const std::string& name, const std::string& content) {
    EvidenceUpload u;
    u.title = "Evidence " + name;
    u.file_name = name;
    u.content = content;
    return u;
  }

  // Every byte of the database directory (database, WAL, journal).
  std::string database_bytes() {
    std::string all;
    for (const auto& entry : std::filesystem::directory_iterator(dir_)) {
      if (entry.path().filename().string().rfind("isms.db", 0) != 0) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      all += ss.str();
    }
    return all;
  }

  int64_t count_rows(const std::string& sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2((dir_ / "isms.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr),
              SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db);
    int64_t n = -1;
    if (st && sqlite3_step(st) == SQLITE_ROW) n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
  }

  Person ciso_person_, owner_person_, other_person_;
};

TEST_F(ControlServiceTest, CreateUpdateAndConflict) {
  ControlService svc(ctx_);
  auto created = svc.create(ciso(), patch("Quarterly access reviews"));
  ASSERT_TRUE(created) << created.error().message;
  const Control& c = created->control;
  EXPECT_EQ(c.ref.rfind("C-", 0), 0u) << c.ref;
  EXPECT_EQ(c.version, 1);
  EXPECT_EQ(c.requirement_keys, std::vector<std::string>{"iso27001-2022:A.5.15"});
  EXPECT_TRUE(created->evidence.empty());
  EXPECT_EQ(actions(c.id), std::vector<std::string>{"control.create"});

  ControlPatch change;
  change.fields.status = ControlStatus::kImplemented;
  change.version = 1;
  auto updated = svc.update(ciso(), c.id, change);
  ASSERT_TRUE(updated) << updated.error().message;
  EXPECT_EQ(updated->control.version, 2);
  EXPECT_EQ(updated->control.status, ControlStatus::kImplemented);

  auto stale = svc.update(ciso(), c.id, change);  // still version 1
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);

  change.version.reset();
  auto missing = svc.update(ciso(), c.id, change);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().field, "version");

  // The same values again: no new version, no ledger entry.
  change.version = 2;
  auto same = svc.update(ciso(), c.id, change);
  ASSERT_TRUE(same) << same.error().message;
  EXPECT_EQ(same->control.version, 2);
  EXPECT_EQ(actions(c.id), (std::vector<std::string>{"control.create", "control.update"}));
  EXPECT_TRUE(ledger_ok());
}

TEST_F(ControlServiceTest, CreateChecksReferences) {
  ControlService svc(ctx_);
  ControlPatch p = patch("MFA");
  p.fields.requirement_keys =
      std::vector<std::string>{"iso27001-2022:A.8.5", "iso27001-2022:A.99.1"};
  p.fields.owner_id = std::optional<std::string>("no-such-person");
  auto r = svc.create(ciso(), p);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalid);
  EXPECT_TRUE(names_field(r.error(), "requirement_keys[1]")) << r.error().message;
  EXPECT_TRUE(names_field(r.error(), "owner_id")) << r.error().message;
  EXPECT_FALSE(names_field(r.error(), "requirement_keys[0]"));

  ControlPatch untitled;
  auto no_title = svc.create(ciso(), untitled);
  ASSERT_FALSE(no_title);
  EXPECT_EQ(no_title.error().field, "title");

  auto forbidden = svc.create(reader(), patch("x"));
  ASSERT_FALSE(forbidden);
  EXPECT_EQ(forbidden.error().code, ErrorCode::kForbidden);
}

TEST_F(ControlServiceTest, ConfidentialControlsFollowTheReadRule) {
  ControlService svc(ctx_);
  const std::string secret = "Break-glass credentials live in vault zq-7731-omega";
  ControlPatch p = patch("Privileged access", Classification::kConfidential);
  p.fields.description = secret;
  p.fields.owner_id = std::optional<std::string>(owner_person_.id);
  Control c = create(p);
  Control open = create(patch("Clean desk"));

  // Someone without confidential:read who does not own it: exactly like an unknown id.
  auto hidden = svc.get(reader(), c.id);
  ASSERT_FALSE(hidden);
  EXPECT_EQ(hidden.error().code, ErrorCode::kNotFound);
  auto unknown = svc.get(reader(), "no-such-id");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(hidden.error().message, "control " + c.id + " not found");
  EXPECT_EQ(unknown.error().message, "control no-such-id not found");
  auto reader_list = svc.list(reader(), ControlListRequest{});
  ASSERT_TRUE(reader_list) << reader_list.error().message;
  ASSERT_EQ(reader_list->items.size(), 1u);
  EXPECT_EQ(reader_list->items[0].id, open.id);

  // The owner reads it, and the read is recorded.
  auto by_owner = svc.get(owner(), c.id);
  ASSERT_TRUE(by_owner) << by_owner.error().message;
  EXPECT_EQ(by_owner->control.description, secret);
  EXPECT_EQ(actions(c.id), (std::vector<std::string>{"control.create", "control.read"}));

  // Lists show it to confidential:read holders, without its content.
  auto ciso_list = svc.list(ciso(), ControlListRequest{});
  ASSERT_TRUE(ciso_list) << ciso_list.error().message;
  ASSERT_EQ(ciso_list->items.size(), 2u);
  for (const Control& item : ciso_list->items) {
    EXPECT_TRUE(item.description_sealed.empty());
    if (item.id == c.id) {
      EXPECT_TRUE(item.content_hidden);
      EXPECT_TRUE(item.description.empty());
    } else {
      EXPECT_FALSE(item.content_hidden);
    }
  }

  // Sealed at rest: the text is nowhere in the database files; the ledger has its hash.
  EXPECT_EQ(database_bytes().find(secret), std::string::npos);
  EXPECT_NE(database_bytes().find("Clean desk"), std::string::npos);  // the test can fail
  EXPECT_TRUE(ledger_ok());
}

TEST_F(ControlServiceTest, RecordCheckMovesNextCheckByTheInterval) {
  ControlService svc(ctx_);
  ControlPatch p = patch("Backup restore test");
  p.fields.check_interval_months = 1;
  Control c = create(p);
  auto checked = svc.record_check(ciso(), c.id, 1, "restore of 3 systems ok",
                                  std::optional<std::string>("2024-01-31"));
  ASSERT_TRUE(checked) << checked.error().message;
  EXPECT_EQ(checked->control.last_checked_on, std::optional<std::string>("2024-01-31"));
  EXPECT_EQ(checked->control.next_check_on, std::optional<std::string>("2024-02-29"));
  EXPECT_EQ(checked->control.version, 2);
  auto future = svc.record_check(ciso(), c.id, 2, "", std::optional<std::string>("2999-01-01"));
  ASSERT_FALSE(future);
  EXPECT_EQ(future.error().field, "checked_on");
}

TEST_F(ControlServiceTest, ArchiveNeedsReasonAndFreezesTheControl) {
  ControlService svc(ctx_);
  Control c = create(patch("Old VPN"));
  auto no_reason = svc.archive(ciso(), c.id, 1, " ");
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().field, "reason");
  auto archived = svc.archive(ciso(), c.id, 1, "replaced by ZTNA");
  ASSERT_TRUE(archived) << archived.error().message;
  EXPECT_TRUE(archived->control.archived_at);
  auto again = svc.archive(ciso(), c.id, 2, "again");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  auto link = svc.add_link(ciso(), c.id, EvidenceLink{"t", "", "https://x.example", "", {}});
  ASSERT_FALSE(link);
  EXPECT_EQ(link.error().code, ErrorCode::kConflict);
}

TEST_F(ControlServiceTest, EvidenceFileRoundTripAndContentAddressing) {
  ControlService svc(ctx_);
  Control a = create(patch("Access reviews"));
  Control b = create(patch("Joiner-mover-leaver"));
  auto first = svc.add_file(ciso(), a.id, upload("Q1 review.pdf", kPdf));
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->kind, EvidenceKind::kFile);
  EXPECT_EQ(first->media_type, "application/pdf");
  EXPECT_EQ(first->sha256, sha256_hex(kPdf));
  EXPECT_EQ(first->size, static_cast<int64_t>(kPdf.size()));
  EXPECT_EQ(first->file_name, "Q1 review.pdf");
  EXPECT_EQ(first->created_by, "user:ciso");

  auto second = svc.add_file(ciso(), b.id, upload("copy.pdf", kPdf));
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_NE(second->id, first->id);
  EXPECT_EQ(count_rows("SELECT count(*) FROM evidence_blobs"), 1);
  EXPECT_EQ(count_rows("SELECT count(*) FROM evidence"), 2);

  auto file = svc.evidence_file(reader(), second->id);
  ASSERT_TRUE(file) << file.error().message;
  EXPECT_EQ(file->content, kPdf);
  EXPECT_EQ(file->evidence.control_id, b.id);

  auto view = svc.get(reader(), a.id);
  ASSERT_TRUE(view) << view.error().message;
  ASSERT_EQ(view->evidence.size(), 1u);
  EXPECT_EQ(view->control.evidence_count, 1);

  // The ledger names the file by hash and size.
  auto entries = LedgerService(ctx_).list(0, 1000, first->id);
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ(entries->front().action, "evidence.add");
  std::string change = dump_json(entries->front().change);
  EXPECT_NE(change.find(sha256_hex(kPdf)), std::string::npos) << change;
  EXPECT_EQ(change.find("/Catalog"), std::string::npos) << change;

  auto archived = svc.archive_evidence(ciso(), first->id, 1);
  ASSERT_TRUE(archived) << archived.error().message;
  EXPECT_TRUE(archived->archived_at);
  auto active = svc.evidence(reader(), a.id, false);
  ASSERT_TRUE(active);
  EXPECT_TRUE(active->empty());
  auto all = svc.evidence(reader(), a.id, true);
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), 1u);
}

TEST_F(ControlServiceTest, EvidenceFilesAreCheckedForSizeAndType) {
  ControlService svc(ctx_);
  Control c = create(patch("Malware protection"));
  auto big = svc.add_file(ciso(), c.id, upload("big.txt", std::string(kEvidenceFileMax + 1, 'a')));
  ASSERT_FALSE(big);
  EXPECT_EQ(big.error().code, ErrorCode::kTooLarge);

  auto elf = svc.add_file(ciso(), c.id,
                          upload("scanner", std::string("\x7F"
                                                        "ELF\x02\x01\x01\0\0\0",
                                                        10)));
  ASSERT_FALSE(elf);
  EXPECT_EQ(elf.error().code, ErrorCode::kUnsupportedMediaType);
  EXPECT_NE(elf.error().message.find("scanner"), std::string::npos);

  auto script = svc.add_file(ciso(), c.id, upload("fix.sh", "#!/bin/sh\necho hi\n"));
  ASSERT_FALSE(script);
  EXPECT_EQ(script.error().code, ErrorCode::kUnsupportedMediaType);

  auto csv = svc.add_file(ciso(), c.id, upload("scan.csv", "host,result\nweb1,clean\n"));
  ASSERT_TRUE(csv) << csv.error().message;
  EXPECT_EQ(csv->media_type, "text/csv");
  EXPECT_EQ(count_rows("SELECT count(*) FROM evidence"), 1);
}

TEST_F(ControlServiceTest, LinksMustBeHttp) {
  ControlService svc(ctx_);
  Control c = create(patch("Logging"));
  auto js = svc.add_link(ciso(), c.id, EvidenceLink{"t", "", "javascript:alert(1)", "", {}});
  ASSERT_FALSE(js);
  EXPECT_EQ(js.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(js.error().field, "url");
  auto ok = svc.add_link(ciso(), c.id,
                         EvidenceLink{"SIEM dashboard", "", "https://siem.example/d/1",
                                      "2024-01-01", std::optional<std::string>("2024-12-31")});
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->kind, EvidenceKind::kLink);
  auto view = svc.get(ciso(), c.id);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->control.evidence_count, 1);
  EXPECT_EQ(view->control.valid_evidence_count, 0);  // expired at the end of 2024

  auto parsed = evidence_link_from_json(Json{{"kind", "link"}, {"title", "x"}, {"href", "y"}});
  ASSERT_FALSE(parsed);
  EXPECT_TRUE(names_field(parsed.error(), "url"));
  EXPECT_TRUE(names_field(parsed.error(), "href"));
}

TEST_F(ControlServiceTest, EvidenceOfConfidentialControlsIsSealed) {
  ControlService svc(ctx_);
  const std::string content = "Penetration test findings: admin panel exposed at qx-panel-8812\n";
  ControlPatch p = patch("Pen testing", Classification::kConfidential);
  p.fields.owner_id = std::optional<std::string>(owner_person_.id);
  Control c = create(p);
  auto e = svc.add_file(ciso(), c.id, upload("findings.txt", content));
  ASSERT_TRUE(e) << e.error().message;
  EXPECT_EQ(database_bytes().find("qx-panel-8812"), std::string::npos);

  auto hidden = svc.evidence_file(reader(), e->id);
  ASSERT_FALSE(hidden);
  EXPECT_EQ(hidden.error().code, ErrorCode::kNotFound);
  auto file = svc.evidence_file(owner(), e->id);
  ASSERT_TRUE(file) << file.error().message;
  EXPECT_EQ(file->content, content);
  EXPECT_EQ(actions(e->id), (std::vector<std::string>{"evidence.add", "evidence.read"}));
}

TEST_F(ControlServiceTest, RaisingToConfidentialSealsExistingEvidence) {
  ControlService svc(ctx_);
  Control c = create(patch("Supplier audits"));
  auto e = svc.add_file(ciso(), c.id, upload("audit.txt", "supplier audit ok\n"));
  ASSERT_TRUE(e) << e.error().message;
  ControlPatch raise;
  raise.fields.classification = Classification::kConfidential;
  raise.version = 1;
  ASSERT_TRUE(svc.update(ciso(), c.id, raise));
  EXPECT_EQ(count_rows("SELECT count(*) FROM evidence_blobs"), 2);  // plain + sealed copy
  auto file = svc.evidence_file(ciso(), e->id);
  ASSERT_TRUE(file) << file.error().message;
  EXPECT_EQ(file->content, "supplier audit ok\n");
}

TEST_F(ControlServiceTest, CoverageCountsRequirementsWithControlsAndEvidence) {
  ControlService svc(ctx_);
  ControlPatch implemented = patch("Access reviews");
  implemented.fields.status = ControlStatus::kImplemented;
  implemented.fields.requirement_keys =
      std::vector<std::string>{"iso27001-2022:A.5.15", "iso27001-2022:A.5.18"};
  Control a = create(implemented);
  ASSERT_TRUE(svc.add_link(ciso(), a.id, EvidenceLink{"t", "", "https://x.example/1", "", {}}));
  ControlPatch planned = patch("Threat intelligence");
  planned.fields.requirement_keys = std::vector<std::string>{"iso27001-2022:A.5.7"};
  create(planned);
  Control archived = create(patch("Old"));
  ControlPatch other = patch("Old");
  other.fields.requirement_keys = std::vector<std::string>{"iso27001-2022:A.8.1"};
  other.version = 1;
  ASSERT_TRUE(svc.update(ciso(), archived.id, other));
  ASSERT_TRUE(svc.archive(ciso(), archived.id, 2, "gone"));

  Principal p = ciso();
  p.permissions.insert({"catalogue:read", "documents:read"});
  auto coverage = TraceabilityService(ctx_).coverage(p);
  ASSERT_TRUE(coverage) << coverage.error().message;
  const GapReport* annex_a = nullptr;
  for (const auto& r : coverage->reports) {
    if (r.framework_id == "iso27001-2022" && r.scope == "Annex A controls") annex_a = &r;
  }
  ASSERT_NE(annex_a, nullptr);
  EXPECT_EQ(annex_a->figures.total, 93);
  EXPECT_EQ(annex_a->figures.with_control, 3);  // A.5.7, A.5.15, A.5.18; not the archived one
  EXPECT_EQ(annex_a->figures.with_implemented_control, 2);
  EXPECT_EQ(annex_a->figures.with_valid_evidence, 2);

  p.permissions.erase("controls:read");
  auto without = TraceabilityService(ctx_).coverage(p);
  ASSERT_TRUE(without);
  for (const auto& r : without->reports) EXPECT_EQ(r.figures.with_control, 0);
}

}  // namespace
}  // namespace isms
