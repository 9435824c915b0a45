// AuthService on a controlled clock: idle and absolute session timeouts, session id
// rotation, TOTP replay within one time step, lock-out expiry.
#include "service/auth_service.h"

#include <gtest/gtest.h>

#include "base/totp.h"
#include "service/test_fixture.h"

namespace isms {
namespace {

constexpr int64_t kSecond = 1000000;
constexpr int64_t kMinute = 60 * kSecond;
constexpr const char* kNewPassword = "correct horse battery staple 42";

class ManualClock final : public Clock {
 public:
  int64_t now_micros() const override { return now; }
  int64_t now = 1800000000LL * kSecond;  // 2027-01-15
};

class AuthServiceTest : public testing::ServiceFixture {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(ServiceFixture::SetUp());
    manual_ctx_ = ctx_;
    manual_ctx_.clock = &manual_;
    auth_ = std::make_unique<AuthService>(manual_ctx_, AuthOptions{});
  }

  // Logs the administrator in and changes the one-time password: an active session.
  std::string active_admin_session() {
    auto first = auth_->login("admin", init_.admin_one_time_password, "", client_);
    EXPECT_TRUE(first) << first.error().message;
    EXPECT_EQ(first->view.session.state, SessionState::kPasswordChangeRequired);
    auto changed =
        auth_->change_password(first->token, init_.admin_one_time_password, kNewPassword, client_);
    EXPECT_TRUE(changed) << changed.error().message;
    EXPECT_EQ(changed->view.session.state, SessionState::kActive);
    EXPECT_NE(changed->token, first->token);  // a new session id after the step up
    EXPECT_FALSE(auth_->session(first->token, client_).ok());
    return changed->token;
  }

  ManualClock manual_;
  ServiceContext manual_ctx_{};
  std::unique_ptr<AuthService> auth_;
  ClientInfo client_{"192.0.2.1", "test"};
};

TEST_F(AuthServiceTest, IdleTimeoutEndsASessionWithoutRequests) {
  std::string token = active_admin_session();
  manual_.now += 29 * kMinute;
  ASSERT_TRUE(auth_->session(token, client_).ok());  // a request: idle clock restarts
  manual_.now += 29 * kMinute;
  ASSERT_TRUE(auth_->session(token, client_).ok());
  manual_.now += 31 * kMinute;  // default idle timeout: 30 minutes
  auto expired = auth_->session(token, client_);
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.error().code, ErrorCode::kUnauthenticated);
  manual_.now -= 31 * kMinute;  // deleted, not just refused: earlier times do not revive it
  EXPECT_FALSE(auth_->session(token, client_).ok());
}

TEST_F(AuthServiceTest, AbsoluteTimeoutEndsEvenABusySession) {
  std::string token = active_admin_session();
  for (int i = 0; i < 35; ++i) {  // 35 x 20 min = 11 h 40 min of steady use
    manual_.now += 20 * kMinute;
    ASSERT_TRUE(auth_->session(token, client_).ok()) << "after " << (i + 1) * 20 << " min";
  }
  manual_.now += 21 * kMinute;  // past 12 hours since login
  EXPECT_FALSE(auth_->session(token, client_).ok());
}

TEST_F(AuthServiceTest, TotpCodeIsAcceptedOnceEvenWithinItsStep) {
  std::string token = active_admin_session();
  auto enrolment = auth_->start_enrolment(token);
  ASSERT_TRUE(enrolment) << enrolment.error().message;
  auto secret = base32_decode(enrolment->secret_base32);
  ASSERT_TRUE(secret);
  auto code_now = [&] { return totp_code_at_step(*secret, totp_step(manual_.now / kSecond)); };
  auto confirmed = auth_->confirm_enrolment(token, code_now(), client_);
  ASSERT_TRUE(confirmed) << confirmed.error().message;
  EXPECT_EQ(confirmed->first.size(), 10u);

  manual_.now += 30 * kSecond;  // the next step: a fresh code
  auto login = auth_->login("admin", kNewPassword, "", client_);
  ASSERT_TRUE(login);
  EXPECT_EQ(login->view.session.state, SessionState::kMfaRequired);
  std::string code = code_now();
  auto verified = auth_->verify_mfa(login->token, code, "", client_);
  ASSERT_TRUE(verified) << verified.error().message;
  EXPECT_EQ(verified->view.session.state, SessionState::kActive);
  EXPECT_NE(verified->token, login->token);

  auto again = auth_->login("admin", kNewPassword, "", client_);
  ASSERT_TRUE(again);
  auto replay = auth_->verify_mfa(again->token, code, "", client_);  // same step, same code
  ASSERT_FALSE(replay.ok());
  EXPECT_EQ(replay.error().code, ErrorCode::kUnauthenticated);

  std::string recovery = confirmed->first.front();
  auto by_recovery = auth_->verify_mfa(again->token, "", recovery, client_);
  ASSERT_TRUE(by_recovery) << by_recovery.error().message;
  auto third = auth_->login("admin", kNewPassword, "", client_);
  ASSERT_TRUE(third);
  EXPECT_FALSE(auth_->verify_mfa(third->token, "", recovery, client_).ok());  // used once
}

TEST_F(AuthServiceTest, LockOutIsTemporaryAndRefusesEvenTheRightPassword) {
  active_admin_session();
  for (int i = 0; i < 5; ++i) {
    auto r = auth_->login("admin", "wrong password!!", "", ClientInfo{"198.51.100.1", ""});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kUnauthenticated);
  }
  auto locked = auth_->login("admin", kNewPassword, "", client_);  // right password, locked
  ASSERT_FALSE(locked.ok());
  EXPECT_EQ(locked.error().code, ErrorCode::kRateLimited);
  EXPECT_GT(locked.error().retry_after_seconds, 0);
  manual_.now += 61 * kSecond;
  EXPECT_TRUE(auth_->login("admin", kNewPassword, "", client_).ok());  // lock expired
}

}  // namespace
}  // namespace isms
