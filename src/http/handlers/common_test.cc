#include "http/handlers/common.h"

#include <gtest/gtest.h>

namespace isms::http {
namespace {

TEST(JsonDepth, CountsNesting) {
  EXPECT_TRUE(check_json_depth(R"({"a":[1,{"b":2}]})", 3).ok());
  EXPECT_FALSE(check_json_depth(R"({"a":[1,{"b":2}]})", 2).ok());
  EXPECT_TRUE(check_json_depth(std::string(32, '[') + std::string(32, ']'), 32).ok());
  EXPECT_FALSE(check_json_depth(std::string(33, '['), 32).ok());
}

TEST(JsonDepth, IgnoresBracketsInStrings) {
  EXPECT_TRUE(check_json_depth(R"({"a":"[[[[[[[[{{{{{{"})", 1).ok());
  EXPECT_TRUE(check_json_depth(R"({"a":"\"[[[[[["})", 1).ok());
  EXPECT_TRUE(check_json_depth(R"({"a":"\\"})", 1).ok());
  EXPECT_FALSE(check_json_depth(R"({"a":"\\",[[[]]]})", 2).ok());
}

TEST(JsonBody, EmptyBody) {
  Request req;
  auto required = json_body(req, false);
  ASSERT_FALSE(required.ok());
  EXPECT_EQ(required.error().code, ErrorCode::kMalformed);
  auto optional = json_body(req, true);
  ASSERT_TRUE(optional.ok());
  EXPECT_EQ(*optional, Json::object());
}

TEST(JsonBody, MalformedAndDeep) {
  Request req;
  for (std::string bad : {std::string("{"), std::string("{\"a\":}"), std::string("nul"),
                          std::string("{\"a\":\"\xff\"}"), std::string(100000, '[')}) {
    req.body = bad;
    auto r = json_body(req, false);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kMalformed);
  }
}

TEST(RequireObject, RejectsOtherJson) {
  EXPECT_TRUE(require_object(Json::object()).ok());
  auto r = require_object(Json::array());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(r.error().field, "body");
}

// The ledger names who acted: the authenticated principal, not the client's address.
TEST(ActorOf, IsThePrincipalsActor) {
  Request req;
  req.remote_address = "10.0.0.7";
  req.principal.actor = "user:u1/token:t1";
  EXPECT_EQ(actor_of(req).id, "user:u1/token:t1");
}

}  // namespace
}  // namespace isms::http
