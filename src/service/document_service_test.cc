#include "service/document_service.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "service/document_json.h"
#include "service/document_test_support.h"
#include "service/ledger_service.h"

namespace isms {
namespace {

class DocumentServiceTest : public testing::DocumentFixture {
 protected:
  DocumentFields draft(const std::string& title, Classification c = Classification::kInternal) {
    DocumentFields f;
    f.kind = DocumentKind::kPolicy;
    f.title = title;
    f.classification = c;
    f.information_owner = "CEO";
    f.body = "# 1 Purpose [ISO27001 5.2]\n\nText of " + title + ".\n";
    return f;
  }

  std::vector<ledger::Entry> entries(const std::string& id) {
    auto e = LedgerService(ctx_).list(0, 1000, id);
    EXPECT_TRUE(e) << e.error().message;
    return e ? *e : std::vector<ledger::Entry>{};
  }
};

using Keys = std::map<std::string, std::set<std::string>>;  // key -> section numbers

Keys iso(std::initializer_list<std::pair<const char*, std::set<std::string>>> rows,
         const char* fw) {
  Keys out;
  for (const auto& [ref, sections] : rows) out[std::string(fw) + ":" + ref] = sections;
  return out;
}

// THE reference test: the sample policy, copied out of a wiki as plain text.
TEST_F(DocumentServiceTest, ImportsTheSamplePolicyWithMetadataSectionsAndCitations) {
  testing::fixture_file(testing::kPolicyFixture);
  DocumentImportOutcome out = import_policy();
  ASSERT_FALSE(out.document_id.empty());
  EXPECT_EQ(out.action, "created");
  DocumentView view = current(out.document_id);
  ASSERT_TRUE(view.latest);
  const DocumentVersion& v = *view.latest;
  const DocumentContent& c = v.content;
  EXPECT_EQ(c.title, "Information Security Policy");
  EXPECT_EQ(c.classification, Classification::kPublic);
  EXPECT_EQ(c.last_update, std::optional<std::string>("2025-02-07"));
  EXPECT_EQ(c.author, "CISO");
  EXPECT_EQ(c.information_owner, "CEO");
  EXPECT_EQ(view.document.owner_role_key, std::optional<std::string>("ceo"));
  EXPECT_EQ(v.status, VersionStatus::kDraft);

  ASSERT_EQ(c.change_log.size(), 4u);
  const std::vector<std::tuple<std::string, std::optional<std::string>, std::string>> log = {
      {"1.0", "2022-11-16", "CISO"},
      {"2.0", "2024-03-05", "CISO"},
      {"3.0", "2025-02-07", "Hans Olof Edblom"},
      {"3.1", std::nullopt, "Hans Olof Edblom"}};
  for (size_t i = 0; i < log.size(); ++i) {
    EXPECT_EQ(c.change_log[i].version, std::get<0>(log[i])) << i;
    EXPECT_EQ(c.change_log[i].date, std::get<1>(log[i])) << i;
    EXPECT_EQ(c.change_log[i].author, std::get<2>(log[i])) << i;
  }
  EXPECT_EQ(c.change_log[0].changes, "Initial release of previous document");
  EXPECT_NE(c.change_log[1].changes.find("Implemented the new template"), std::string::npos);
  EXPECT_EQ(c.change_log[2].changes, "");
  EXPECT_EQ(c.change_log[3].changes, "Added ISO-references to headers.");

  std::map<std::string, std::string> titles;
  for (const Section& s : v.sections) {
    if (!s.number.empty()) titles[s.number] = s.title;
  }
  std::set<std::string> numbers;
  for (const auto& [n, t] : titles) numbers.insert(n);
  std::set<std::string> expected_numbers{"1", "2", "3", "3.1", "3.2", "3.3",
                                         "4", "5", "6", "7",   "8"};
  for (int i = 1; i <= 15; ++i) expected_numbers.insert("8." + std::to_string(i));
  EXPECT_EQ(numbers, expected_numbers);
  EXPECT_EQ(titles["1"], "Definition and purpose");
  EXPECT_EQ(titles["2"], "Scope");
  EXPECT_EQ(titles["3"], "Roles and Responsibilities");
  EXPECT_EQ(titles["3.2"], "Chief Information Security Officer (CISO)");
  EXPECT_EQ(titles["8"], "Topic-specific policies");
  EXPECT_EQ(titles["8.4"], "Information Security in Supplier Relationships");
  EXPECT_EQ(titles["8.15"], "Use of Cryptography");

  Keys expected =
      iso({{"4.3", {"2"}},       {"5.1", {"4"}},       {"5.2", {""}},       {"A.5.1", {"1", "6"}},
           {"A.5.2", {"3"}},     {"A.5.4", {"3"}},     {"A.5.10", {"8.1"}}, {"A.5.12", {"7"}},
           {"A.5.14", {"8.2"}},  {"A.5.15", {"8.3"}},  {"A.5.19", {"8.4"}}, {"A.5.20", {"8.4"}},
           {"A.5.23", {"8.5"}},  {"A.5.32", {"8.6"}},  {"A.5.34", {"8.7"}}, {"A.6.7", {"8.8"}},
           {"A.7.7", {"8.9"}},   {"A.7.10", {"8.10"}}, {"A.8.1", {"8.11"}}, {"A.8.8", {"8.12"}},
           {"A.8.13", {"8.13"}}, {"A.8.15", {"8.14"}}, {"A.8.24", {"8.15"}}},
          "iso27001-2022");
  Keys nis2 = iso({{"1.1", {"", "4"}},
                   {"1.2", {"3"}},
                   {"3.2", {"8.14"}},
                   {"4.2", {"8.13"}},
                   {"5.1", {"8.4"}},
                   {"5.2", {"8.4"}},
                   {"6.1", {"8.5", "8.7"}},
                   {"6.9", {"8.6"}},
                   {"6.10", {"8.12"}},
                   {"9", {"8.15"}},
                   {"11.1", {"8.3"}},
                   {"12.2", {"8.1", "8.2", "8.10"}},
                   {"12.3", {"8.9", "8.10"}}},
                  "nis2-2024-2690");
  expected.insert(nis2.begin(), nis2.end());
  Keys found;
  for (const DocumentCitation& dc : v.citations) {
    found[requirement_key(dc.citation.framework_id, dc.citation.ref_id)].insert(dc.section_number);
  }
  EXPECT_EQ(found, expected);
  EXPECT_EQ(out.citations, static_cast<int>(v.citations.size()));

  ASSERT_EQ(v.warnings.size(), 1u);
  const CitationWarning& w = v.warnings.front();
  EXPECT_NE(w.raw.find("5.4"), std::string::npos) << w.raw;
  EXPECT_EQ(w.suggestion, std::optional<std::string>("iso27001-2022:A.5.4"));
  auto in_section_4 = std::find_if(v.sections.begin(), v.sections.end(),
                                   [](const Section& s) { return s.number == "4"; });
  ASSERT_NE(in_section_4, v.sections.end());
  EXPECT_GE(w.offset, in_section_4->offset);
  EXPECT_LT(w.offset, in_section_4->end);
  EXPECT_EQ(out.warnings.size(), 1u);

  // Approval is the information owner's (the CEO); the CISO may submit and publish.
  DocumentService svc(ctx_);
  auto submitted = svc.submit(ciso_, out.document_id, v.version);
  ASSERT_TRUE(submitted) << submitted.error().message;
  EXPECT_EQ(submitted->latest->status, VersionStatus::kInReview);
  auto by_ciso = svc.approve(ciso_, out.document_id, submitted->latest->version);
  ASSERT_FALSE(by_ciso);
  EXPECT_EQ(by_ciso.error().code, ErrorCode::kForbidden);
  EXPECT_NE(by_ciso.error().message.find("ceo"), std::string::npos) << by_ciso.error().message;
  auto ceo_view = svc.get(ceo_, out.document_id);
  ASSERT_TRUE(ceo_view);
  EXPECT_TRUE(ceo_view->can_approve);
  EXPECT_FALSE(ceo_view->can_write);
  auto approved = svc.approve(ceo_, out.document_id, submitted->latest->version);
  ASSERT_TRUE(approved) << approved.error().message;
  EXPECT_EQ(approved->latest->status, VersionStatus::kApproved);
  EXPECT_EQ(approved->latest->approved_by, std::optional<std::string>(ceo_.person_id));
  EXPECT_EQ(approved->latest->content.approver, "Person ceo");
  auto published = svc.publish(ciso_, out.document_id, approved->latest->version);
  ASSERT_TRUE(published) << published.error().message;
  EXPECT_EQ(published->latest->status, VersionStatus::kPublished);
  EXPECT_EQ(published->document.published_version_id, std::optional<std::string>(v.id));
  EXPECT_EQ(published->document.published_label, std::optional<std::string>(c.label));
  ASSERT_TRUE(published->document.next_review_date);
  std::string today = clock_.now_utc().substr(0, 10);
  int year = std::stoi(today.substr(0, 4)) + 1;
  EXPECT_EQ(published->document.next_review_date->substr(0, 4), std::to_string(year));
  EXPECT_FALSE(document_review_due(published->document, today));

  // The imported policy does not ask for acknowledgement.
  auto not_asked = svc.acknowledge(employee_, out.document_id);
  ASSERT_FALSE(not_asked);
  EXPECT_EQ(not_asked.error().code, ErrorCode::kConflict);
  std::vector<std::string> steps;
  for (const auto& e : entries(out.document_id)) steps.push_back(e.action);
  EXPECT_EQ(steps, (std::vector<std::string>{"document.import", "document.submit",
                                             "document.approve", "document.publish"}));
  EXPECT_TRUE(ledger_ok());
}

TEST_F(DocumentServiceTest, AcknowledgementsRemindersAndCompletionRate) {
  DocumentView view = publish_policy();
  const std::string id = view.document.id;
  ASSERT_FALSE(id.empty());
  DocumentService svc(ctx_);
  auto status = svc.acknowledgements(ciso_, id, "");
  ASSERT_TRUE(status) << status.error().message;
  // Everyone active whose role has policies:accept: the administrator, CISO, CEO, employee.
  ASSERT_EQ(status->persons.size(), 4u);
  EXPECT_EQ(status->pending, 4);
  EXPECT_DOUBLE_EQ(status->completion_rate, 0.0);

  auto mine = svc.my_pending(employee_);
  ASSERT_TRUE(mine);
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ(mine->front().document_id, id);

  auto acked = svc.acknowledge(employee_, id);
  ASSERT_TRUE(acked) << acked.error().message;
  EXPECT_EQ(acked->acknowledged, 1);
  EXPECT_EQ(acked->pending, 3);
  EXPECT_DOUBLE_EQ(acked->completion_rate, 0.25);
  int64_t seq = ledger_seq();
  auto again = svc.acknowledge(employee_, id);  // idempotent: no second entry
  ASSERT_TRUE(again);
  EXPECT_EQ(again->acknowledged, 1);
  EXPECT_EQ(ledger_seq(), seq);
  EXPECT_TRUE(svc.my_pending(employee_)->empty());

  auto denied = svc.remind(employee_, id);
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, ErrorCode::kForbidden);
  auto reminded = svc.remind(ciso_, id);
  ASSERT_TRUE(reminded) << reminded.error().message;
  EXPECT_EQ(reminded->size(), 3u);
  for (const auto& a : *reminded) {
    EXPECT_EQ(a.reminder_count, 1);
    EXPECT_TRUE(a.last_reminded_at);
    EXPECT_NE(a.person_id, employee_.person_id);
  }
  auto entries_of = entries(id);
  ASSERT_FALSE(entries_of.empty());
  EXPECT_EQ(entries_of.back().action, "document.remind");
  EXPECT_EQ(testing::change_of(entries_of.back()).at("person_ids").size(), 3u);
  EXPECT_TRUE(ledger_ok());
}

TEST_F(DocumentServiceTest, DraftWorkflowVersionsAndSupersede) {
  DocumentService svc(ctx_);
  auto created = svc.create(ciso_, draft("Access Control Policy"));
  ASSERT_TRUE(created) << created.error().message;
  const std::string id = created->document.id;
  EXPECT_EQ(created->latest->content.label, "1.0");
  EXPECT_EQ(created->document.owner_role_key, std::optional<std::string>("ceo"));
  ASSERT_EQ(created->latest->citations.size(), 1u);
  EXPECT_EQ(created->latest->citations[0].section_number, "1");

  DocumentPatch patch;
  patch.fields.body = "# 1 Purpose [ISO27002 A5.15]\n\nChanged.\n";
  auto no_version = svc.update_draft(ciso_, id, patch);
  ASSERT_FALSE(no_version);
  EXPECT_EQ(no_version.error().field, "version");
  patch.version = created->latest->version;
  auto updated = svc.update_draft(ciso_, id, patch);
  ASSERT_TRUE(updated) << updated.error().message;
  EXPECT_EQ(updated->latest->citations[0].citation.ref_id, "A.5.15");
  auto stale = svc.update_draft(ciso_, id, patch);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);

  // Wrong states answer 409 naming the state.
  auto early = svc.publish(ciso_, id, updated->latest->version);
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, ErrorCode::kConflict);
  EXPECT_NE(early.error().message.find("draft"), std::string::npos);

  auto submitted = svc.submit(ciso_, id, updated->latest->version);
  ASSERT_TRUE(submitted) << submitted.error().message;
  auto locked = svc.update_draft(ciso_, id, DocumentPatch{{}, submitted->latest->version});
  ASSERT_FALSE(locked);
  EXPECT_EQ(locked.error().code, ErrorCode::kConflict);
  auto returned = svc.return_to_draft(ceo_, id, submitted->latest->version, "Name the scope");
  ASSERT_TRUE(returned) << returned.error().message;
  EXPECT_EQ(returned->latest->status, VersionStatus::kDraft);
  EXPECT_EQ(returned->latest->review_comment, "Name the scope");
  auto resubmitted = svc.submit(ciso_, id, returned->latest->version);
  ASSERT_TRUE(resubmitted);
  auto approved = svc.approve(operator_principal("cli:test"), id, resubmitted->latest->version);
  ASSERT_TRUE(approved) << approved.error().message;
  auto v1 = svc.publish(ciso_, id, approved->latest->version);
  ASSERT_TRUE(v1) << v1.error().message;

  auto v2 = svc.new_version(ciso_, id);
  ASSERT_TRUE(v2) << v2.error().message;
  EXPECT_EQ(v2->latest->content.label, "1.1");
  EXPECT_EQ(v2->latest->number, 2);
  ASSERT_TRUE(v2->published);
  EXPECT_EQ(v2->published->id, v1->latest->id);
  auto twice = svc.new_version(ciso_, id);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);

  DocumentPatch change;
  change.fields.body = "# 1 Purpose [ISO27002 A5.15, A5.18]\n\nChanged again.\n";
  change.version = v2->latest->version;
  auto edited = svc.update_draft(ciso_, id, change);
  ASSERT_TRUE(edited);
  auto d = svc.diff(ciso_, id, v1->latest->id, v2->latest->id);
  ASSERT_TRUE(d) << d.error().message;
  EXPECT_GT(d->added, 0);
  EXPECT_GT(d->removed, 0);

  auto s2 = svc.submit(ciso_, id, edited->latest->version);
  auto a2 = svc.approve(ceo_, id, s2->latest->version);
  ASSERT_TRUE(a2) << a2.error().message;
  auto p2 = svc.publish(ciso_, id, a2->latest->version);
  ASSERT_TRUE(p2) << p2.error().message;
  auto old = svc.version(ciso_, id, v1->latest->id);
  ASSERT_TRUE(old);
  EXPECT_EQ(old->status, VersionStatus::kSuperseded);
  EXPECT_TRUE(old->superseded_at);
  EXPECT_EQ(p2->document.published_label, std::optional<std::string>("1.1"));
  auto history = svc.versions(ciso_, id);
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 2u);
  EXPECT_TRUE(history->front().content.body.empty());

  auto archived = svc.archive(ciso_, id, "replaced by the new access standard");
  ASSERT_TRUE(archived) << archived.error().message;
  EXPECT_TRUE(archived->document.archived_at);
  EXPECT_FALSE(archived->can_write);
  auto after = svc.new_version(ciso_, id);
  ASSERT_FALSE(after);
  EXPECT_EQ(after.error().code, ErrorCode::kConflict);

  std::vector<std::string> steps;
  for (const auto& e : entries(id)) steps.push_back(e.action);
  for (const char* step : {"document.create", "document.update", "document.submit",
                           "document.return", "document.approve", "document.publish",
                           "document.new_version", "document.supersede", "document.archive"}) {
    EXPECT_TRUE(has(steps, step)) << step;
  }
  EXPECT_TRUE(ledger_ok());
}

TEST_F(DocumentServiceTest, ConfidentialDocumentsAreHiddenAndLedgerHoldsNoBodyText) {
  DocumentService svc(ctx_);
  DocumentFields f = draft("Incident Playbook", Classification::kConfidential);
  f.body = "# 1 Secret steps\n\nCall the hotline 555-0100.\n";
  auto created = svc.create(ciso_, f);
  ASSERT_TRUE(created) << created.error().message;
  const std::string id = created->document.id;

  auto hidden = svc.get(employee_, id);
  ASSERT_FALSE(hidden);
  EXPECT_EQ(hidden.error().code, ErrorCode::kNotFound);
  auto listed = svc.list(employee_, DocumentQuery{});
  ASSERT_TRUE(listed);
  EXPECT_TRUE(listed->empty());
  EXPECT_EQ(svc.list(ceo_, DocumentQuery{})->size(), 1u);

  ASSERT_TRUE(svc.get(ceo_, id));
  std::vector<std::string> steps;
  for (const auto& e : entries(id)) {
    steps.push_back(e.action);
    const std::string& change = e.change;
    EXPECT_EQ(change.find("hotline"), std::string::npos) << e.action;
  }
  EXPECT_TRUE(has(steps, "document.read"));
  const ledger::Entry create = entries(id).front();
  EXPECT_EQ(testing::change_of(create).at("content").at("body"),
            "sha256:" + sha256_hex(f.body.value()));

  // Writers without the read rule cannot reach it either.
  auto contractor = principal_of(user("carl", {"contractor"}));
  EXPECT_EQ(svc.get(contractor, id).error().code, ErrorCode::kNotFound);
  auto denied = svc.create(employee_, draft("Mine"));
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, ErrorCode::kForbidden);
}

TEST_F(DocumentServiceTest, ImportIsAllOrNothingAndExportRoundTrips) {
  DocumentService svc(ctx_);
  int64_t seq = ledger_seq();
  auto bad = svc.import(ciso_, {{"good.txt", "Good Policy\n1 Scope\nEverything.\n"},
                                {"scan.pdf", "%PDF-1.7 binary"}});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(bad.error().field, "files[1]");
  EXPECT_EQ(ledger_seq(), seq);
  EXPECT_TRUE(svc.list(ciso_, DocumentQuery{})->empty());

  import_policy();
  ASSERT_TRUE(svc.create(ciso_, draft("Backup Standard")));
  auto exported = svc.export_markdown(ciso_);
  ASSERT_TRUE(exported) << exported.error().message;
  ASSERT_EQ(exported->size(), 2u);
  EXPECT_EQ((*exported)[0].file_name, "backup-standard.md");
  EXPECT_EQ((*exported)[1].file_name, "information-security-policy.md");

  // Importing the export again changes nothing.
  seq = ledger_seq();
  auto same = svc.import(ciso_, *exported);
  ASSERT_TRUE(same) << same.error().message;
  for (const auto& o : *same) EXPECT_EQ(o.action, "unchanged") << o.file_name;
  EXPECT_EQ(ledger_seq(), seq);

  // A fresh store gets the same documents, ids included: the export is identical.
  testing::SecondStore fresh(ctx_);
  ASSERT_TRUE(fresh.ok());
  auto into = DocumentService(fresh.ctx).import(op(), *exported);
  ASSERT_TRUE(into) << into.error().message;
  for (const auto& o : *into) EXPECT_EQ(o.action, "created");
  auto again = DocumentService(fresh.ctx).export_markdown(op());
  ASSERT_TRUE(again);
  ASSERT_EQ(again->size(), exported->size());
  for (size_t i = 0; i < again->size(); ++i) {
    EXPECT_EQ((*again)[i].file_name, (*exported)[i].file_name);
    EXPECT_EQ((*again)[i].bytes, (*exported)[i].bytes);
  }

  // An edited export updates the open draft.
  std::string edited = (*exported)[0].bytes + "\nOne more line.\n";
  auto changed = svc.import(ciso_, {{"backup-standard.md", edited}});
  ASSERT_TRUE(changed) << changed.error().message;
  EXPECT_EQ(changed->front().action, "updated_draft");
}

TEST_F(DocumentServiceTest, PreviewRenderAndJson) {
  DocumentService svc(ctx_);
  int64_t seq = ledger_seq();
  DocumentContent content;
  content.title = "Preview";
  content.label = "0.1";
  content.body = "# 8.4 Suppliers [ISO27002 A5.19]\n\nSee [ISO27001 5.4].\n";
  auto preview = svc.preview(employee_, content);
  ASSERT_TRUE(preview) << preview.error().message;
  EXPECT_EQ(preview->version.citations.size(), 1u);
  EXPECT_EQ(preview->version.warnings.size(), 1u);
  EXPECT_NE(preview->html.find("citation"), std::string::npos);
  EXPECT_EQ(ledger_seq(), seq);
  Json preview_json = document_preview_to_json(*preview);
  EXPECT_EQ(preview_json.at("citations")[0].at("key"), "iso27001-2022:A.5.19");

  std::string id = import_policy().document_id;
  auto html = svc.render(employee_, id, "", "html");
  ASSERT_TRUE(html) << html.error().message;
  EXPECT_NE(html->find("Information Security Policy"), std::string::npos);
  auto pdf = svc.render(employee_, id, "", "pdf");
  ASSERT_TRUE(pdf) << pdf.error().message;
  EXPECT_EQ(pdf->substr(0, 5), "%PDF-");
  EXPECT_EQ(svc.render(employee_, id, "", "docx").error().field, "format");

  Json view = document_view_to_json(current(id), "2025-01-01");
  EXPECT_EQ(view.at("document").at("owner_role_key"), "ceo");
  EXPECT_EQ(view.at("latest").at("change_log").size(), 4u);
  EXPECT_TRUE(view.at("published").is_null());

  auto patch = document_patch_from_json(
      Json{{"title", "T"},
           {"change_log", Json::array({Json{{"version", "1.0"}, {"date", nullptr}}})},
           {"version", 3}},
      true);
  ASSERT_TRUE(patch) << patch.error().message;
  EXPECT_EQ(patch->version, 3);
  ASSERT_TRUE(patch->fields.change_log);
  EXPECT_EQ(patch->fields.change_log->front().version, "1.0");
  auto refused = document_patch_from_json(
      Json{{"kind", "policy"}, {"id", "x"}, {"change_log", Json::array({Json{{"colour", 1}}})}},
      true);
  ASSERT_FALSE(refused);
  for (const char* f : {"kind", "id", "change_log[0].version", "change_log[0].colour"}) {
    EXPECT_TRUE(names_field(refused.error(), f)) << f;
  }
  auto files = document_import_files_from_json(
      Json{{"files", Json::array({Json{{"name", "a.md"}, {"content", "# A"}}})}});
  ASSERT_TRUE(files);
  EXPECT_EQ(files->front().file_name, "a.md");
}

}  // namespace
}  // namespace isms
