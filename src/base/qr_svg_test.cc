#include "base/qr_svg.h"

#include <gtest/gtest.h>
#include <qrencode.h>

#include <cstdio>
#include <vector>

namespace isms {
namespace {

constexpr int kQuiet = 4;

// The module grid libqrencode produces for text (level M, case-sensitive 8-bit), as the
// reference the SVG is checked against.
struct Grid {
  int width = 0;
  std::vector<std::vector<bool>> dark;
};

Grid reference(const std::string& text) {
  QRcode* code = QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  EXPECT_NE(code, nullptr);
  Grid g;
  if (code == nullptr) return g;
  g.width = code->width;
  g.dark.assign(g.width, std::vector<bool>(g.width, false));
  for (int y = 0; y < g.width; ++y)
    for (int x = 0; x < g.width; ++x) g.dark[y][x] = (code->data[y * g.width + x] & 1) != 0;
  QRcode_free(code);
  return g;
}

// Reads the dark modules back out of the SVG's path ("M<x> <y>h<n>v1h-<n>z" runs), in
// symbol coordinates (quiet zone removed). Fails the test on anything else in the path.
Grid from_svg(const std::string& svg, int width) {
  Grid g;
  g.width = width;
  g.dark.assign(width, std::vector<bool>(width, false));
  size_t d = svg.find(" d=\"");
  EXPECT_NE(d, std::string::npos);
  if (d == std::string::npos) return g;
  size_t end = svg.find('"', d + 4);
  std::string path = svg.substr(d + 4, end - d - 4);
  // Runs "M<x> <y>h<n>v1h-<n>z", back to back. Parsed with sscanf rather than <regex>:
  // g++ 12 at -O2 reports a false -Wmaybe-uninitialized inside std::regex.
  size_t consumed = 0;
  while (consumed < path.size()) {
    int x = 0, y = 0, n = 0, back = 0, used = 0;
    if (std::sscanf(path.c_str() + consumed, "M%d %dh%dv1h-%dz%n", &x, &y, &n, &back, &used) != 4 ||
        used == 0) {
      ADD_FAILURE() << "unexpected path text at " << consumed;
      break;
    }
    consumed += static_cast<size_t>(used);
    x -= kQuiet;
    y -= kQuiet;
    EXPECT_EQ(n, back);
    EXPECT_GE(x, 0);
    EXPECT_GE(y, 0);
    EXPECT_LT(y, width);
    EXPECT_LE(x + n, width);
    for (int i = 0; i < n && y >= 0 && y < width && x >= 0 && x + i < width; ++i) {
      EXPECT_FALSE(g.dark[y][x + i]) << "module drawn twice";
      g.dark[y][x + i] = true;
    }
  }
  EXPECT_EQ(consumed, path.size());
  return g;
}

int count(const std::string& s, const std::string& needle) {
  int n = 0;
  for (size_t p = s.find(needle); p != std::string::npos; p = s.find(needle, p + 1)) ++n;
  return n;
}

// A finder pattern: 7x7 dark ring, light ring, 3x3 dark core; light separator around it
// (where it lies inside the symbol).
void expect_finder(const Grid& g, int left, int top) {
  for (int y = -1; y <= 7; ++y) {
    for (int x = -1; x <= 7; ++x) {
      int gx = left + x, gy = top + y;
      if (gx < 0 || gy < 0 || gx >= g.width || gy >= g.width) continue;
      bool in7 = x >= 0 && x <= 6 && y >= 0 && y <= 6;
      bool ring = in7 && (x == 0 || x == 6 || y == 0 || y == 6);
      bool core = x >= 2 && x <= 4 && y >= 2 && y <= 4;
      EXPECT_EQ(g.dark[gy][gx], ring || core)
          << "finder at " << left << "," << top << " module " << x << "," << y;
    }
  }
}

const std::string kUri =
    "otpauth://totp/ACME%20Co:alice%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&"
    "issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30";

TEST(QrSvg, IsOneStandaloneSvgPath) {
  auto svg = qr_svg(kUri);
  ASSERT_TRUE(svg.ok()) << svg.error().message;
  EXPECT_EQ(svg->rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  EXPECT_EQ(svg->substr(svg->size() - 6), "</svg>");
  EXPECT_EQ(count(*svg, "<path"), 1);
  EXPECT_EQ(count(*svg, "<svg"), 1);
  EXPECT_EQ(svg->find("width=\"100"), std::string::npos);  // sized by its container
  EXPECT_EQ(svg->find("<script"), std::string::npos);
}

TEST(QrSvg, IsDeterministic) {
  auto a = qr_svg(kUri), b = qr_svg(kUri);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(*a, *b);
  EXPECT_NE(*a, *qr_svg(kUri + "x"));
}

TEST(QrSvg, ModulesMatchLibqrencode) {
  for (const std::string& text : {std::string("HELLO"), std::string("hello world"), kUri,
                                  std::string(1000, 'a'), std::string("12345678901234567890")}) {
    Grid want = reference(text);
    ASSERT_GT(want.width, 0);
    auto svg = qr_svg(text);
    ASSERT_TRUE(svg.ok()) << svg.error().message;
    int size = want.width + 2 * kQuiet;
    EXPECT_NE(
        svg->find("viewBox=\"0 0 " + std::to_string(size) + " " + std::to_string(size) + "\""),
        std::string::npos)
        << text;
    Grid got = from_svg(*svg, want.width);
    EXPECT_EQ(got.dark, want.dark) << text;
    expect_finder(got, 0, 0);
    expect_finder(got, want.width - 7, 0);
    expect_finder(got, 0, want.width - 7);
  }
}

TEST(QrSvg, ShortTextIsVersionOne) {
  auto svg = qr_svg("HELLO");
  ASSERT_TRUE(svg.ok());
  EXPECT_NE(svg->find("viewBox=\"0 0 29 29\""), std::string::npos);  // 21 + 2 * 4
  // Top rows of the three finder patterns as single 7-module runs.
  EXPECT_NE(svg->find("M4 4h7v1h-7z"), std::string::npos);
  EXPECT_NE(svg->find("M18 4h7v1h-7z"), std::string::npos);
  EXPECT_NE(svg->find("M4 18h7v1h-7z"), std::string::npos);
}

TEST(QrSvg, EncodesArbitraryBytes) {
  auto svg = qr_svg(std::string("a\0b\xff", 4));
  ASSERT_TRUE(svg.ok()) << svg.error().message;
  EXPECT_EQ(count(*svg, "<path"), 1);
}

TEST(QrSvg, RefusesEmptyAndOversizedText) {
  EXPECT_TRUE(qr_svg(std::string(1000, 'x')).ok());
  auto big = qr_svg(std::string(1001, 'x'));
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.error().code, ErrorCode::kInvalid);
  auto empty = qr_svg("");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code, ErrorCode::kInvalid);
}

}  // namespace
}  // namespace isms
