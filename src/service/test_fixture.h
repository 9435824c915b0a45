// A ServiceContext over a fresh SQLite database in a temporary directory, for service
// tests. Each fixture instance owns its directory and removes it afterwards.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>

#include "base/content_cipher.h"
#include "base/crypto.h"
#include "service/context.h"
#include "service/organization_service.h"

namespace isms::testing {

class ServiceFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crypto_init());
    dir_ = std::filesystem::temp_directory_path() / ("isms-svc-" + new_id());
    std::filesystem::create_directories(dir_);
    auto store = open_store("sqlite:" + (dir_ / "isms.db").string());
    ASSERT_TRUE(store) << store.error().message;
    store_ = std::move(*store);
    auto migrated = store_->migrate();
    ASSERT_TRUE(migrated) << migrated.error().message;
    auto signer = ledger::Signer::load((dir_ / "ledger-signing.key").string(), true);
    ASSERT_TRUE(signer) << signer.error().message;
    signer_ = std::make_unique<ledger::Signer>(std::move(*signer));
    keyring_ = std::make_unique<ContentKeyring>(std::vector<ContentKey>{generate_content_key()});
    ctx_ = ServiceContext{store_.get(), &clock_, signer_.get(), keyring_.get()};
    auto init = OrganizationService(ctx_).initialize(actor_, "Test Org");
    ASSERT_TRUE(init) << init.error().message;
    init_ = *init;
  }
  void TearDown() override {
    store_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  std::filesystem::path dir_;
  SystemClock clock_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<ledger::Signer> signer_;
  std::unique_ptr<ContentKeyring> keyring_;
  ServiceContext ctx_{};
  Actor actor_{"test"};
  InitResult init_;
};

}  // namespace isms::testing
