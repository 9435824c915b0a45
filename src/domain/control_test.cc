#include "domain/control.h"

#include <gtest/gtest.h>

#include <set>

namespace isms {
namespace {

Json parse(const char* text) { return Json::parse(text); }

std::set<std::string> fields_of(const Error& e) {
  std::set<std::string> out;
  for (const auto& d : e.details) out.insert(d.field);
  return out;
}

Control valid_control() {
  Control c;
  c.id = "c1";
  c.title = "Access reviews";
  c.requirement_keys = {"iso27001-2022:A.5.15"};
  return c;
}

TEST(ControlPatch, DecodesEveryWritableField) {
  auto p = control_patch_from_json(parse(R"({"title":"MFA","description":"All admins",
    "owner_id":"p1","status":"in_progress","classification":"confidential",
    "requirement_keys":["iso27001-2022:A.8.5","iso27001-2022:A.5.17","iso27001-2022:A.8.5"],
    "next_check_on":"2026-03-31","check_interval_months":6,"version":3})"));
  ASSERT_TRUE(p) << p.error().message;
  Control c;
  apply_control_fields(p->fields, &c);
  EXPECT_EQ(c.title, "MFA");
  EXPECT_EQ(c.description, "All admins");
  EXPECT_EQ(c.owner_id, std::optional<std::string>("p1"));
  EXPECT_EQ(c.status, ControlStatus::kInProgress);
  EXPECT_EQ(c.classification, Classification::kConfidential);
  EXPECT_EQ(c.requirement_keys,
            (std::vector<std::string>{"iso27001-2022:A.5.17", "iso27001-2022:A.8.5"}));
  EXPECT_EQ(c.next_check_on, std::optional<std::string>("2026-03-31"));
  EXPECT_EQ(c.check_interval_months, 6);
  EXPECT_EQ(p->version, 3);
}

TEST(ControlPatch, NullClearsOwnerAndNextCheck) {
  auto p = control_patch_from_json(parse(R"({"owner_id":null,"next_check_on":null})"));
  ASSERT_TRUE(p) << p.error().message;
  Control c = valid_control();
  c.owner_id = "p1";
  c.next_check_on = "2026-01-01";
  apply_control_fields(p->fields, &c);
  EXPECT_FALSE(c.owner_id);
  EXPECT_FALSE(c.next_check_on);
}

TEST(ControlPatch, RefusesUnknownAndReadOnlyKeysNamingThem) {
  auto p = control_patch_from_json(
      parse(R"({"title":"x","colour":"red","ref":"C-0001","evidence_count":2,"risk_ids":[]})"));
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(fields_of(p.error()),
            (std::set<std::string>{"colour", "ref", "evidence_count", "risk_ids"}));
  for (const auto& d : p.error().details) {
    if (d.field == "ref") {
      EXPECT_EQ(d.message, "is read-only");
    }
    if (d.field == "colour") {
      EXPECT_EQ(d.message, "unknown field");
    }
  }
}

TEST(ControlPatch, ReportsEveryBadValue) {
  auto p = control_patch_from_json(parse(R"({"title":"","status":"done",
    "classification":"customer_data","requirement_keys":["iso27001-2022:A.5.1","nocolon"],
    "check_interval_months":37,"next_check_on":"2026-02-30","version":0})"));
  ASSERT_FALSE(p);
  EXPECT_EQ(fields_of(p.error()),
            (std::set<std::string>{"title", "status", "classification", "requirement_keys[1]",
                                   "check_interval_months", "next_check_on", "version"}));
}

TEST(ControlPatch, BodyMustBeAnObject) {
  auto p = control_patch_from_json(parse("[1]"));
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().field, "body");
}

TEST(ValidateControl, AcceptsAValidControl) {
  EXPECT_TRUE(validate_control(valid_control()).empty());
}

TEST(ValidateControl, RefusesCustomerDataAndLongTitles) {
  Control c = valid_control();
  c.classification = Classification::kCustomerData;
  c.title = std::string(201, 'a');
  c.check_interval_months = 0;
  std::set<std::string> fields;
  for (const auto& e : validate_control(c)) fields.insert(e.field);
  EXPECT_EQ(fields, (std::set<std::string>{"classification", "title", "check_interval_months"}));
  c = valid_control();
  c.title = std::string(200, 'a');
  c.classification = Classification::kConfidential;
  EXPECT_TRUE(validate_control(c).empty());
}

TEST(ValidateControl, NamesTheBadRequirementKey) {
  Control c = valid_control();
  c.requirement_keys = {"iso27001-2022:A.5.1", ":A.5.2"};
  auto errors = validate_control(c);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "requirement_keys[1]");
}

TEST(ControlJson, CheckOverdueAgainstToday) {
  Control c = valid_control();
  c.next_check_on = "2026-05-01";
  EXPECT_TRUE(control_to_json(c, "2026-05-02")["check_overdue"].get<bool>());
  EXPECT_FALSE(control_to_json(c, "2026-05-01")["check_overdue"].get<bool>());
  c.archived_at = "2026-04-01T00:00:00Z";
  EXPECT_FALSE(control_to_json(c, "2026-05-02")["check_overdue"].get<bool>());
  Json j = control_to_json(c, "2026-05-02");
  EXPECT_EQ(j["status"], "planned");
  EXPECT_EQ(j["classification"], "internal");
  EXPECT_TRUE(j["archived"].get<bool>());
}

TEST(ControlJson, HiddenContentHasNullDescription) {
  Control c = valid_control();
  c.description = "secret";
  c.content_hidden = true;
  Json j = control_to_json(c, "2026-01-01");
  EXPECT_TRUE(j["description"].is_null());
  EXPECT_TRUE(j["content_hidden"].get<bool>());
  EXPECT_FALSE(j.contains("description_sealed"));
}

TEST(EvidenceState, ValidExpiredNotYetValid) {
  Evidence e;
  e.valid_from = "2026-01-01";
  e.valid_until = "2026-12-31";
  EXPECT_EQ(evidence_state(e, "2025-12-31"), "not_yet_valid");
  EXPECT_EQ(evidence_state(e, "2026-01-01"), "valid");
  EXPECT_EQ(evidence_state(e, "2026-12-31"), "valid");
  EXPECT_EQ(evidence_state(e, "2027-01-01"), "expired");
  e.valid_until.reset();
  EXPECT_EQ(evidence_state(e, "2099-01-01"), "valid");
}

std::string type_of(std::string_view name, std::string_view content) {
  auto t = evidence_media_type(name, content);
  return t ? *t : "error: " + t.error().message;
}

TEST(EvidenceMediaType, KnownSignatures) {
  EXPECT_EQ(type_of("a.bin", "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj"), "application/pdf");
  EXPECT_EQ(type_of("x.txt", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)), "image/png");
  EXPECT_EQ(type_of("x", std::string("\xFF\xD8\xFF\xE0\0\x10JFIF", 10)), "image/jpeg");
  EXPECT_EQ(type_of("x", "GIF89a\x01\x00"), "image/gif");
  EXPECT_EQ(type_of("x", "GIF87a"), "image/gif");
}

TEST(EvidenceMediaType, DecidedByContentNotByName) {
  // A PDF named .csv is a PDF; a text file named .pdf is text.
  EXPECT_EQ(type_of("report.csv", "%PDF-1.4"), "application/pdf");
  EXPECT_EQ(type_of("report.pdf", "hello"), "text/plain");
}

TEST(EvidenceMediaType, ZipAndOfficeByName) {
  std::string zip("PK\x03\x04\x14\0\0\0", 8);
  EXPECT_EQ(type_of("Access review.XLSX", zip),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(type_of("policy.docx", zip),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  EXPECT_EQ(type_of("deck.pptx", zip),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation");
  EXPECT_EQ(type_of("logs.zip", zip), "application/zip");
}

TEST(EvidenceMediaType, TextCsvJson) {
  EXPECT_EQ(type_of("users.csv", "name,role\nAnna,CISO\n"), "text/csv");
  EXPECT_EQ(type_of("export.json", "{\"a\":1}"), "application/json");
  EXPECT_EQ(type_of("notes.md", "Zugriffsprüfung erledigt\n"), "text/plain");
}

TEST(EvidenceMediaType, RefusesExecutablesScriptsAndUnknownBinaryNamingTheFile) {
  struct Case {
    const char* name;
    std::string content;
  } cases[] = {
      {"tool", std::string("\x7F"
                           "ELF\x02\x01\x01\0\0\0\0\0",
                           12)},
      {"evidence.csv", "#!/bin/sh\nrm -rf /\n"},
      {"setup.exe", std::string("MZ\x90\0\x03\0\0\0", 8)},
      {"macho", std::string("\xCF\xFA\xED\xFE\x07\0\0\x01", 8)},
      {"blob.dat", std::string("\x01\x02\0\x03", 4)},
      {"latin1.txt", "caf\xE9"},
  };
  for (const auto& c : cases) {
    auto t = evidence_media_type(c.name, c.content);
    ASSERT_FALSE(t) << c.name;
    EXPECT_EQ(t.error().code, ErrorCode::kUnsupportedMediaType) << c.name;
    EXPECT_NE(t.error().message.find(c.name), std::string::npos) << t.error().message;
  }
  EXPECT_NE(evidence_media_type("run.sh", "#!/bin/sh").error().message.find("script"),
            std::string::npos);
  EXPECT_NE(evidence_media_type("a.out",
                                "\x7F"
                                "ELF")
                .error()
                .message.find("executable"),
            std::string::npos);
}

TEST(EvidenceMediaType, TextStartingWithMzIsText) {
  EXPECT_EQ(type_of("codes.csv", "MZ,Mozambique\n"), "text/csv");
}

TEST(SanitizeFileName, KeepsSafeCharacters) {
  EXPECT_EQ(sanitize_file_name("Access review 2026-Q1.pdf"), "Access review 2026-Q1.pdf");
  EXPECT_EQ(sanitize_file_name("../../etc/passwd"), "passwd");
  EXPECT_EQ(sanitize_file_name("C:\\Users\\anna\\report.pdf"), "report.pdf");
  EXPECT_EQ(sanitize_file_name(".htaccess"), "_htaccess");
  EXPECT_EQ(sanitize_file_name(".."), "__");
  EXPECT_EQ(sanitize_file_name(""), "file");
  EXPECT_EQ(sanitize_file_name("Prüfung;rm.txt"), "Pr_fung_rm.txt");
  EXPECT_EQ(sanitize_file_name(std::string(300, 'a')).size(), 200u);
  EXPECT_EQ(sanitize_file_name("a\"b\r\n.pdf"), "a_b__.pdf");
}

Evidence link(const std::string& url) {
  Evidence e;
  e.kind = EvidenceKind::kLink;
  e.title = "Ticket";
  e.url = url;
  e.valid_from = "2026-01-01";
  return e;
}

TEST(ValidateEvidence, LinksOnlyHttp) {
  EXPECT_TRUE(validate_evidence(link("https://jira.example.com/browse/SEC-1")).empty());
  EXPECT_TRUE(validate_evidence(link("http://intranet/x")).empty());
  for (const char* bad : {"javascript:alert(1)", "file:///etc/passwd", "https://", "ftp://x",
                          "https://a b", "data:text/html,x", "HTTPS//x"}) {
    auto errors = validate_evidence(link(bad));
    ASSERT_EQ(errors.size(), 1u) << bad;
    EXPECT_EQ(errors[0].field, "url") << bad;
  }
}

TEST(ValidateEvidence, DatesAndFileFields) {
  Evidence e = link("https://x.example");
  e.valid_until = "2025-12-31";
  auto errors = validate_evidence(e);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "valid_until");
  Evidence f;
  f.kind = EvidenceKind::kFile;
  f.title = "Scan";
  f.sha256 = std::string(64, 'a');
  f.file_name = "scan.pdf";
  f.media_type = "application/pdf";
  f.size = 10;
  f.valid_from = "2026-01-01";
  EXPECT_TRUE(validate_evidence(f).empty());
  f.sha256 = "xyz";
  f.file_name = "../x";
  std::set<std::string> fields;
  for (const auto& e2 : validate_evidence(f)) fields.insert(e2.field);
  EXPECT_EQ(fields, (std::set<std::string>{"sha256", "file_name"}));
}

TEST(EvidenceJson, FileAndLinkShapes) {
  Evidence f;
  f.id = "e1";
  f.kind = EvidenceKind::kFile;
  f.sha256 = std::string(64, 'b');
  f.file_name = "a.pdf";
  f.media_type = "application/pdf";
  f.size = 42;
  f.valid_from = "2026-01-01";
  f.valid_until = "2026-06-30";
  Json j = evidence_to_json(f, "2026-07-01");
  EXPECT_EQ(j["kind"], "file");
  EXPECT_EQ(j["size"], 42);
  EXPECT_TRUE(j["url"].is_null());
  EXPECT_EQ(j["state"], "expired");
  Json l = evidence_to_json(link("https://x.example"), "2026-07-01");
  EXPECT_EQ(l["url"], "https://x.example");
  EXPECT_TRUE(l["sha256"].is_null());
  EXPECT_EQ(l["state"], "valid");
}

}  // namespace
}  // namespace isms
