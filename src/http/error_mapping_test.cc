#include "http/error_mapping.h"

#include <gtest/gtest.h>

namespace isms::http {
namespace {

Error with_code(ErrorCode code, std::string message, std::string field = {}) {
  Error e;
  e.code = code;
  e.message = std::move(message);
  e.field = std::move(field);
  return e;
}

TEST(ErrorMapping, StatusForEveryCode) {
  const std::pair<ErrorCode, int> expected[] = {
      {ErrorCode::kMalformed, 400},        {ErrorCode::kUnauthenticated, 401},
      {ErrorCode::kForbidden, 403},        {ErrorCode::kNotFound, 404},
      {ErrorCode::kMethodNotAllowed, 405}, {ErrorCode::kConflict, 409},
      {ErrorCode::kTooLarge, 413},         {ErrorCode::kUnsupportedMediaType, 415},
      {ErrorCode::kInvalid, 422},          {ErrorCode::kInternal, 500},
      {ErrorCode::kCorruption, 500},       {ErrorCode::kUnavailable, 503},
  };
  // Every code of the closed set is listed above.
  EXPECT_EQ(std::size(expected), static_cast<size_t>(ErrorCode::kMethodNotAllowed) + 1);
  for (auto [code, status] : expected) {
    EXPECT_EQ(http_status(code), status) << error_code_name(code);
    Response r = error_response(with_code(code, "m"), "rid");
    EXPECT_EQ(r.status, status);
    EXPECT_EQ(*r.headers.find("content-type"), "application/json; charset=utf-8");
    Json body = Json::parse(r.body);
    EXPECT_EQ(body["error"]["code"], std::string(error_code_name(code)));
    EXPECT_EQ(body["error"]["request_id"], "rid");
  }
}

TEST(ErrorMapping, ClientVisibleMessageAndField) {
  Json body = error_body(Error::malformed("limit: must be an integer", "limit"), "r1");
  EXPECT_EQ(body, Json::parse(R"({"error":{"code":"malformed","message":"limit: must be an integer",
                                  "field":"limit","request_id":"r1"}})"));
}

TEST(ErrorMapping, FieldOmittedWhenEmpty) {
  Json body = error_body(Error::not_found("no asset"), "r");
  EXPECT_FALSE(body["error"].contains("field"));
  EXPECT_FALSE(body["error"].contains("details"));
}

TEST(ErrorMapping, InvalidCarriesDetails) {
  Json body = error_body(Error::invalid({{"name", "must not be empty"}, {"type", "unknown"}}), "r");
  EXPECT_EQ(body["error"]["code"], "invalid");
  EXPECT_EQ(body["error"]["field"], "name");
  ASSERT_EQ(body["error"]["details"].size(), 2u);
  EXPECT_EQ(body["error"]["details"][1], Json::parse(R"({"field":"type","message":"unknown"})"));
}

TEST(ErrorMapping, InvalidWithoutDetailsStillHasDetails) {
  Json body = error_body(with_code(ErrorCode::kInvalid, "version: stale", "version"), "r");
  ASSERT_TRUE(body["error"]["details"].is_array());
  EXPECT_EQ(body["error"]["details"][0]["field"], "version");
}

TEST(ErrorMapping, InternalAndCorruptionAreOpaque) {
  for (ErrorCode code : {ErrorCode::kInternal, ErrorCode::kCorruption}) {
    Json body = error_body(with_code(code, "SELECT * FROM secrets failed", "x"), "rid7");
    EXPECT_EQ(body["error"]["message"], "internal error");
    EXPECT_EQ(body["error"]["request_id"], "rid7");
    EXPECT_FALSE(body["error"].contains("field"));
    EXPECT_EQ(body.dump().find("secrets"), std::string::npos);
    EXPECT_FALSE(client_sees_real_message(code));
  }
}

TEST(ErrorMapping, UnavailableHidesDependencyDetails) {
  Json body = error_body(Error::unavailable("could not connect to db.internal:5432"), "r");
  EXPECT_EQ(body["error"]["code"], "unavailable");
  EXPECT_EQ(body.dump().find("db.internal"), std::string::npos);
}

TEST(ErrorMapping, UnknownCodeValueIsInternal) {
  Error e = with_code(static_cast<ErrorCode>(999), "garbage");
  EXPECT_EQ(http_status(e.code), 500);
  EXPECT_EQ(error_body(e, "r")["error"]["code"], "internal");
}

TEST(ErrorMapping, EmptyMessageFallsBackToCodeName) {
  EXPECT_EQ(error_body(with_code(ErrorCode::kConflict, ""), "r")["error"]["message"], "conflict");
}

}  // namespace
}  // namespace isms::http
