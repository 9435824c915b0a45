// Helpers for the document, catalogue and traceability service tests: the reference files
// of tests/fixtures/, a CISO, a CEO and an employee with users, and the sample policy
// imported and taken through its workflow.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "service/access_test_support.h"
#include "service/catalogue_service.h"
#include "service/document_service.h"
#include "service/traceability_service.h"

namespace isms::testing {

// <repository>/tests/fixtures/<relative>, read whole; "" (and a test failure) when absent.
inline std::string fixture_file(const std::string& relative) {
  std::filesystem::path path =
      std::filesystem::path(__FILE__).parent_path() / "../../tests/fixtures" / relative;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "fixture " << path << " not found";
    return "";
  }
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A second, freshly initialized SQLite store sharing the clock, signer and keyring of
// `like`: the target of round trips ("export, import into a fresh store, export").
struct SecondStore {
  explicit SecondStore(const ServiceContext& like) {
    dir = std::filesystem::temp_directory_path() / ("isms-svc2-" + new_id());
    std::filesystem::create_directories(dir);
    auto opened = open_store("sqlite:" + (dir / "isms.db").string());
    if (!opened || !(*opened)->migrate()) return;
    store = std::move(*opened);
    ctx = ServiceContext{store.get(), like.clock, like.signer, like.keyring};
    initialized = OrganizationService(ctx).initialize(Actor{"test"}, "Fresh Org").ok();
  }
  ~SecondStore() {
    store.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  SecondStore(const SecondStore&) = delete;
  SecondStore& operator=(const SecondStore&) = delete;
  bool ok() const { return initialized; }

  std::filesystem::path dir;
  std::unique_ptr<Store> store;
  ServiceContext ctx{};
  bool initialized = false;
};

// A ledger entry's change as JSON.
inline Json change_of(const ledger::Entry& e) {
  auto parsed = parse_json(e.change);
  EXPECT_TRUE(parsed) << e.change;
  return parsed ? *parsed : Json();
}

inline constexpr const char* kPolicyFixture = "information-security-policy.txt";

class DocumentFixture : public AccessFixture {
 protected:
  void SetUp() override {
    AccessFixture::SetUp();
    if (HasFatalFailure()) return;
    ciso_ = principal_of(user("ciso", {"ciso"}));
    ceo_ = principal_of(user("ceo", {"ceo"}));
    employee_ = principal_of(user("emma", {"employee"}));
  }

  // The sample policy imported as plain text by the CISO: the one outcome.
  DocumentImportOutcome import_policy() {
    DocumentService svc(ctx_);
    auto out = svc.import(ciso_, {{kPolicyFixture, fixture_file(kPolicyFixture)}});
    EXPECT_TRUE(out) << out.error().message;
    if (!out || out->size() != 1) return {};
    return out->front();
  }

  // Imports the policy, asks for acknowledgement, and takes it through submit (CISO),
  // approve (CEO) and publish (CISO).
  DocumentView publish_policy() {
    DocumentService svc(ctx_);
    std::string id = import_policy().document_id;
    DocumentPatch patch;
    patch.fields.requires_acknowledgement = true;
    patch.version = current(id).latest->version;
    auto updated = svc.update_draft(ciso_, id, patch);
    EXPECT_TRUE(updated) << updated.error().message;
    auto submitted = svc.submit(ciso_, id, current(id).latest->version);
    EXPECT_TRUE(submitted) << submitted.error().message;
    auto approved = svc.approve(ceo_, id, current(id).latest->version);
    EXPECT_TRUE(approved) << approved.error().message;
    auto published = svc.publish(ciso_, id, current(id).latest->version);
    EXPECT_TRUE(published) << published.error().message;
    return published ? *published : DocumentView{};
  }

  DocumentView current(const std::string& id) {
    auto view = DocumentService(ctx_).get(op(), id);
    EXPECT_TRUE(view) << view.error().message;
    return view ? *view : DocumentView{};
  }

  int64_t ledger_seq() {
    auto tx = store_->begin_read();
    auto head = (*tx)->ledger_head();
    EXPECT_TRUE(head);
    return head ? head->seq : -1;
  }

  Principal ciso_, ceo_, employee_;
};

}  // namespace isms::testing
