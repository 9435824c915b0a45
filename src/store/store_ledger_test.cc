// Store conformance suite, part 3: ledger entries, checkpoints, streaming and the
// serialization of writers.
#include <atomic>
#include <mutex>
#include <thread>

#include "store/store_test_fixture.h"

namespace isms::store_test {
namespace {

class StoreLedger : public StoreTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(StoreTest::SetUp());
    if (IsSkipped()) return;
    ASSERT_NO_FATAL_FAILURE(open_migrated());
  }
};

void expect_same_entry(const ledger::Entry& got, const ledger::Entry& want) {
  EXPECT_EQ(got.seq, want.seq);
  EXPECT_EQ(got.at, want.at);
  EXPECT_EQ(got.actor, want.actor);
  EXPECT_EQ(got.action, want.action);
  EXPECT_EQ(got.object_type, want.object_type);
  EXPECT_EQ(got.object_id, want.object_id);
  EXPECT_EQ(got.change, want.change);
  EXPECT_EQ(got.prev_hash, want.prev_hash);
  EXPECT_EQ(got.hash, want.hash);
}

TEST_P(StoreLedger, AppendHeadAndList) {
  {
    auto tx = read_tx();
    ASSERT_OK_AND_ASSIGN(LedgerHead head, tx->ledger_head());
    EXPECT_EQ(head.seq, 0);
    EXPECT_EQ(head.hash, ledger::kGenesisHash);
  }
  std::vector<ledger::Entry> entries;
  {
    auto tx = write_tx();
    for (int64_t seq = 1; seq <= 6; ++seq) {
      ledger::Entry e = make_entry(seq, seq % 2 ? "odd" : "even");
      e.change = "{\"name\":\"Zoë 🚀 \\\"quoted\\\"\"}";
      ASSERT_OK(tx->append_ledger(e));
      entries.push_back(e);
    }
    ASSERT_OK_AND_ASSIGN(LedgerHead head, tx->ledger_head());  // sees its own writes
    EXPECT_EQ(head.seq, 6);
    ASSERT_OK(tx->commit());
  }
  auto tx = read_tx();
  ASSERT_OK_AND_ASSIGN(LedgerHead head, tx->ledger_head());
  EXPECT_EQ(head.seq, 6);
  EXPECT_EQ(head.hash, entries.back().hash);

  ASSERT_OK_AND_ASSIGN(auto listed, tx->list_ledger(0, 100, ""));
  ASSERT_EQ(listed.size(), 6u);
  for (size_t i = 0; i < listed.size(); ++i) expect_same_entry(listed[i], entries[i]);
  ASSERT_OK_AND_ASSIGN(auto tail, tx->list_ledger(4, 100, ""));
  ASSERT_EQ(tail.size(), 2u);
  EXPECT_EQ(tail[0].seq, 5);
  ASSERT_OK_AND_ASSIGN(auto limited, tx->list_ledger(0, 2, ""));
  ASSERT_EQ(limited.size(), 2u);
  EXPECT_EQ(limited[1].seq, 2);
  ASSERT_OK_AND_ASSIGN(auto even, tx->list_ledger(0, 100, "even"));
  ASSERT_EQ(even.size(), 3u);
  EXPECT_EQ(even[0].seq, 2);
  EXPECT_EQ(even[2].seq, 6);
  ASSERT_OK_AND_ASSIGN(auto even_after, tx->list_ledger(2, 1, "even"));
  ASSERT_EQ(even_after.size(), 1u);
  EXPECT_EQ(even_after[0].seq, 4);
  ASSERT_OK_AND_ASSIGN(auto nothing, tx->list_ledger(0, 10, "unknown"));
  EXPECT_TRUE(nothing.empty());
  EXPECT_CODE(tx->list_ledger(0, 0, ""), ErrorCode::kInvalid);
}

TEST_P(StoreLedger, DuplicateSeqConflictsAndTransactionStaysUsable) {
  auto tx = write_tx();
  ASSERT_OK(tx->append_ledger(make_entry(1)));
  ledger::Entry dup = make_entry(1);
  dup.actor = "someone else";
  EXPECT_CODE(tx->append_ledger(dup), ErrorCode::kConflict);
  ASSERT_OK(tx->append_ledger(make_entry(2)));
  ASSERT_OK(tx->commit());

  auto rtx = read_tx();
  ASSERT_OK_AND_ASSIGN(auto listed, rtx->list_ledger(0, 10, ""));
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].actor, "system");
}

TEST_P(StoreLedger, ScanStreamsInSeqOrderAndStopsEarly) {
  constexpr int64_t kEntries = 2345;  // more than one PostgreSQL fetch batch
  {
    auto tx = write_tx();
    // Appended out of order: the scan must still follow seq.
    for (int64_t seq = kEntries; seq >= 1; --seq) ASSERT_OK(tx->append_ledger(make_entry(seq)));
    ASSERT_OK(tx->commit());
  }
  int64_t expected = 1;
  ASSERT_OK(store_->scan_ledger([&](const ledger::Entry& e) {
    EXPECT_EQ(e.seq, expected);
    EXPECT_EQ(e.hash, make_entry(e.seq).hash);
    ++expected;
    return true;
  }));
  EXPECT_EQ(expected, kEntries + 1);

  int seen = 0;
  ASSERT_OK(store_->scan_ledger([&](const ledger::Entry&) { return ++seen < 10; }));
  EXPECT_EQ(seen, 10);
  ASSERT_OK(store_->ping());  // the scan's connection went back in good order
}

TEST_P(StoreLedger, Checkpoints) {
  {
    auto tx = write_tx();
    ASSERT_OK_AND_ASSIGN(auto none, tx->last_checkpoint());
    EXPECT_FALSE(none.has_value());
    for (int64_t seq = 1; seq <= 5; ++seq) ASSERT_OK(tx->append_ledger(make_entry(seq)));
    for (int64_t seq : {4, 2}) {
      ledger::Checkpoint c{seq, make_entry(seq).hash, "2026-01-01T00:00:00.000000Z",
                           "0123456789abcdef", std::string(128, 'a')};
      ASSERT_OK(tx->insert_checkpoint(c));
    }
    ledger::Checkpoint dup{4, "x", "y", "z", "w"};
    EXPECT_CODE(tx->insert_checkpoint(dup), ErrorCode::kConflict);
    ledger::Checkpoint beyond{99, "x", "y", "z", "w"};
    EXPECT_CODE(tx->insert_checkpoint(beyond), ErrorCode::kInvalid);
    ASSERT_OK(tx->commit());
  }
  auto tx = read_tx();
  ASSERT_OK_AND_ASSIGN(auto last, tx->last_checkpoint());
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->seq, 4);
  EXPECT_EQ(last->hash, make_entry(4).hash);
  EXPECT_EQ(last->key_id, "0123456789abcdef");
  EXPECT_EQ(last->signature, std::string(128, 'a'));
  ASSERT_OK_AND_ASSIGN(auto all, store_->list_checkpoints());
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].seq, 2);
  EXPECT_EQ(all[1].seq, 4);
}

// Each writer reads the head and appends head+1. If two write transactions could overlap,
// both would read the same head and one append would conflict or fork the chain.
TEST_P(StoreLedger, ConcurrentWritersSerialize) {
  constexpr int kThreads = 2;
  constexpr int kPerThread = 200;
  std::atomic<int> failures{0};
  std::string first_failure;
  std::mutex failure_mu;
  auto writer = [&](int thread) {
    for (int i = 0; i < kPerThread; ++i) {
      auto fail = [&](const Error& e) {
        std::lock_guard<std::mutex> lock(failure_mu);
        if (failures++ == 0) first_failure = e.message;
      };
      auto tx = store_->begin_write();
      if (!tx.ok()) {
        fail(tx.error());
        continue;
      }
      auto head = (*tx)->ledger_head();
      if (!head.ok()) {
        fail(head.error());
        continue;
      }
      ledger::Entry e = make_entry(head->seq + 1, "thread-" + std::to_string(thread));
      e.prev_hash = head->hash;
      auto appended = (*tx)->append_ledger(e);
      if (!appended.ok()) {
        fail(appended.error());
        continue;
      }
      auto committed = (*tx)->commit();
      if (!committed.ok()) fail(committed.error());
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) threads.emplace_back(writer, t);
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0) << first_failure;

  int64_t expected = 1;
  std::string prev(ledger::kGenesisHash);
  ASSERT_OK(store_->scan_ledger([&](const ledger::Entry& e) {
    EXPECT_EQ(e.seq, expected++);
    EXPECT_EQ(e.prev_hash, prev);  // a single chain, no fork
    prev = e.hash;
    return true;
  }));
  EXPECT_EQ(expected, kThreads * kPerThread + 1);
}

// Readers and writers at once, more threads than cores: no operation may fail (no busy
// errors, no pool exhaustion) and every reader sees a consistent page.
TEST_P(StoreLedger, MixedReadersAndWritersSeeNoErrors) {
  constexpr int kReaders = 6;
  constexpr int kWriters = 2;
  constexpr int kWritesEach = 40;
  std::atomic<int> failures{0};
  std::atomic<bool> writing{true};
  std::mutex mu;
  std::string first_failure;
  auto fail = [&](const std::string& what) {
    std::lock_guard<std::mutex> lock(mu);
    if (failures++ == 0) first_failure = what;
  };
  auto writer = [&](int w) {
    for (int i = 0; i < kWritesEach; ++i) {
      auto tx = store_->begin_write();
      if (!tx.ok()) return fail(tx.error().message);
      Asset a = make_asset("Asset " + std::to_string(w) + "-" + std::to_string(i));
      auto head = (*tx)->ledger_head();
      if (!head.ok()) return fail(head.error().message);
      Status s = (*tx)->insert_asset(a);
      if (s.ok()) s = (*tx)->append_ledger(make_entry(head->seq + 1, a.id));
      if (s.ok()) s = (*tx)->commit();
      if (!s.ok()) return fail(s.error().message);
    }
  };
  auto reader = [&]() {
    while (writing.load()) {
      auto tx = store_->begin_read();
      if (!tx.ok()) return fail(tx.error().message);
      AssetQuery q;
      q.with_total = true;
      q.limit = 500;
      auto page = (*tx)->list_assets(q);
      if (!page.ok()) return fail(page.error().message);
      if (*page->total != static_cast<int64_t>(page->items.size())) {
        return fail("page and total disagree inside one read transaction");
      }
      auto head = (*tx)->ledger_head();
      if (!head.ok()) return fail(head.error().message);
      if (head->seq != *page->total) return fail("ledger and assets from different snapshots");
      if (!(*tx)->commit().ok()) return fail("read commit failed");
    }
  };
  std::vector<std::thread> readers, writers;
  for (int r = 0; r < kReaders; ++r) readers.emplace_back(reader);
  for (int w = 0; w < kWriters; ++w) writers.emplace_back(writer, w);
  for (auto& t : writers) t.join();
  writing = false;
  for (auto& t : readers) t.join();
  EXPECT_EQ(failures.load(), 0) << first_failure;
  auto tx = read_tx();
  ASSERT_OK_AND_ASSIGN(LedgerHead head, tx->ledger_head());
  EXPECT_EQ(head.seq, kWriters * kWritesEach);
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreLedger,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres), engine_label);

}  // namespace
}  // namespace isms::store_test
