// ConnectionPool<Conn>: a bounded, thread-safe pool of database connections.
//
// acquire() hands out an idle connection or opens a new one while fewer than max_size are
// open; otherwise it waits up to `wait` for one to come back, then fails with kUnavailable.
// A Lease returns its connection when destroyed; call discard() first when the
// connection may be unusable (lost, mid-transaction) so it is closed instead. Leases keep
// the pool alive, so a transaction may safely outlive the Store that started it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "base/error.h"

namespace isms::store_detail {

template <typename Conn>
class ConnectionPool : public std::enable_shared_from_this<ConnectionPool<Conn>> {
 public:
  using Factory = std::function<Result<std::unique_ptr<Conn>>()>;

  class Lease {
   public:
    Lease() = default;
    Lease(std::shared_ptr<ConnectionPool> pool, std::unique_ptr<Conn> conn)
        : pool_(std::move(pool)), conn_(std::move(conn)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&& other) noexcept {
      reset();
      pool_ = std::move(other.pool_);
      conn_ = std::move(other.conn_);
      discard_ = other.discard_;
      return *this;
    }
    ~Lease() { reset(); }
    Conn* operator->() const { return conn_.get(); }
    Conn& operator*() const { return *conn_; }
    Conn* get() const { return conn_.get(); }
    void discard() { discard_ = true; }
    void reset() {
      if (conn_) pool_->release(std::move(conn_), discard_);
      pool_.reset();
      discard_ = false;
    }

   private:
    std::shared_ptr<ConnectionPool> pool_;
    std::unique_ptr<Conn> conn_;
    bool discard_ = false;
  };

  static std::shared_ptr<ConnectionPool> create(Factory factory, size_t max_size,
                                                std::chrono::milliseconds wait) {
    return std::shared_ptr<ConnectionPool>(new ConnectionPool(std::move(factory), max_size, wait));
  }

  // Pre-fills the pool with one connection opened by the caller (e.g. to test reachability).
  void adopt(std::unique_ptr<Conn> conn) {
    std::lock_guard<std::mutex> lock(mu_);
    ++open_;
    idle_.push_back(std::move(conn));
  }

  Result<Lease> acquire() {
    std::unique_lock<std::mutex> lock(mu_);
    bool ready = cv_.wait_for(lock, wait_, [&] { return !idle_.empty() || open_ < max_size_; });
    if (!ready) {
      return Error::unavailable("all " + std::to_string(max_size_) +
                                " database connections stayed busy for " +
                                std::to_string(wait_.count()) + " ms");
    }
    if (!idle_.empty()) {
      std::unique_ptr<Conn> conn = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this->shared_from_this(), std::move(conn));
    }
    ++open_;
    lock.unlock();
    auto conn = factory_();
    if (!conn.ok()) {
      lock.lock();
      --open_;
      cv_.notify_one();
      return std::move(conn).error();
    }
    return Lease(this->shared_from_this(), std::move(conn).value());
  }

 private:
  ConnectionPool(Factory factory, size_t max_size, std::chrono::milliseconds wait)
      : factory_(std::move(factory)), max_size_(max_size), wait_(wait) {}

  void release(std::unique_ptr<Conn> conn, bool discard) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!discard) {
        idle_.push_back(std::move(conn));
      } else {
        --open_;
      }
      cv_.notify_one();
    }
    conn.reset();  // closes a discarded connection outside the lock
  }

  Factory factory_;
  const size_t max_size_;
  const std::chrono::milliseconds wait_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Conn>> idle_;  // guarded by mu_
  size_t open_ = 0;                          // guarded by mu_: idle + leased
};

}  // namespace isms::store_detail
