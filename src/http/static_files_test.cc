#include "http/static_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace isms::http {
namespace {
namespace fs = std::filesystem;

void write(const fs::path& p, const std::string& content) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << content;
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base = fs::temp_directory_path() /
           ("isms_static_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(base);
    root = base / "dist";
    write(root / "index.html", "<html>index</html>");
    write(root / "favicon.ico", "ico");
    write(root / "assets" / "index-abc123.js", "console.log(1)");
    write(root / "assets" / "index-abc123.css", "body{}");
    write(root / "assets" / "font.woff2", "w2");
    write(base / "secret.txt", "top secret");
    fs::create_symlink(base / "secret.txt", root / "leak.txt");
  }
  void TearDown() override { fs::remove_all(base); }

  Result<Response> get(std::vector<std::string> segments) {
    return StaticFiles(root.string()).get(segments);
  }

  fs::path base, root;
};

TEST_F(StaticFilesTest, ServesIndexAtRoot) {
  auto r = get({});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->body, "<html>index</html>");
  EXPECT_EQ(*r->headers.find("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(*r->headers.find("Cache-Control"), "no-cache");
}

TEST_F(StaticFilesTest, ServesFilesWithTypesAndCaching) {
  auto js = get({"assets", "index-abc123.js"});
  ASSERT_TRUE(js.ok());
  EXPECT_EQ(js->body, "console.log(1)");
  EXPECT_EQ(*js->headers.find("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(*js->headers.find("Cache-Control"), "public, max-age=31536000, immutable");
  auto ico = get({"favicon.ico"});
  ASSERT_TRUE(ico.ok());
  EXPECT_EQ(*ico->headers.find("Content-Type"), "image/x-icon");
  EXPECT_EQ(*ico->headers.find("Cache-Control"), "no-cache");
  EXPECT_EQ(*get({"index.html"})->headers.find("Cache-Control"), "no-cache");
}

TEST_F(StaticFilesTest, ClientRoutesFallBackToIndex) {
  for (auto segments :
       std::vector<std::vector<std::string>>{{"assets"},
                                             {"assets", "5f0c7a3e-1d2b-4c3a-9e8f-0a1b2c3d4e5f"},
                                             {"settings", ""},
                                             {"registers", "assets"},
                                             {"dashboard"}}) {
    auto r = get(segments);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->body, "<html>index</html>");
    EXPECT_EQ(*r->headers.find("Cache-Control"), "no-cache");
  }
}

TEST_F(StaticFilesTest, MissingStaticFileIsNotFound) {
  for (auto segments : std::vector<std::vector<std::string>>{
           {"assets", "index-old.js"}, {"missing.css"}, {"logo.png"}, {"x.map"}}) {
    auto r = get(segments);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
  }
}

TEST_F(StaticFilesTest, RejectsTraversal) {
  for (auto segments : std::vector<std::vector<std::string>>{{".."},
                                                             {"..", "secret.txt"},
                                                             {"assets", "..", "..", "secret.txt"},
                                                             {"."},
                                                             {"/etc/passwd"},
                                                             {"assets/../../secret.txt"},
                                                             {"a\\..\\secret.txt"},
                                                             {"", "etc"},
                                                             {"a", "", "b"},
                                                             {"C:secret"},
                                                             {std::string("a\0b", 3)}}) {
    auto r = get(segments);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kMalformed);
  }
}

TEST_F(StaticFilesTest, DoesNotFollowSymlinksOutOfRoot) {
  auto r = get({"leak.txt"});
  ASSERT_FALSE(r.ok());  // .txt is a static extension: 404, never the secret
  EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
}

TEST_F(StaticFilesTest, MissingIndexIsNotFound) {
  fs::remove(root / "index.html");
  auto r = get({"dashboard"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
}

TEST_F(StaticFilesTest, DisabledWithoutRoot) {
  StaticFiles none("");
  EXPECT_FALSE(none.enabled());
  EXPECT_FALSE(none.get({}).ok());
}

TEST(SafeRelativePath, Joins) {
  EXPECT_EQ(*safe_relative_path({}), "");
  EXPECT_EQ(*safe_relative_path({"assets", "a.js"}), "assets/a.js");
  EXPECT_EQ(*safe_relative_path({"dir", ""}), "dir");
  EXPECT_EQ(*safe_relative_path({"..."}), "...");  // a plain (odd) name, not a parent
}

TEST(ContentType, ByExtension) {
  EXPECT_EQ(content_type_for("a.html"), "text/html; charset=utf-8");
  EXPECT_EQ(content_type_for("a.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(content_type_for("a.css"), "text/css; charset=utf-8");
  EXPECT_EQ(content_type_for("a.svg"), "image/svg+xml");
  EXPECT_EQ(content_type_for("a.png"), "image/png");
  EXPECT_EQ(content_type_for("a.ico"), "image/x-icon");
  EXPECT_EQ(content_type_for("a.json"), "application/json");
  EXPECT_EQ(content_type_for("a.woff2"), "font/woff2");
  EXPECT_EQ(content_type_for("a.js.map"), "application/json");
  EXPECT_EQ(content_type_for("README"), "application/octet-stream");
  EXPECT_EQ(content_type_for(".hidden"), "application/octet-stream");
}

}  // namespace
}  // namespace isms::http
