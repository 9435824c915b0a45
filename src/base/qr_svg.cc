#include "base/qr_svg.h"

#include <qrencode.h>

#include <cerrno>
#include <cstring>
#include <memory>

namespace isms {
namespace {

constexpr size_t kMaxTextBytes = 1000;
constexpr int kQuietZone = 4;

struct QrDeleter {
  void operator()(QRcode* code) const { QRcode_free(code); }
};

}  // namespace

Result<std::string> qr_svg(std::string_view text) {
  if (text.empty()) return Error::invalid("text", "nothing to encode");
  if (text.size() > kMaxTextBytes)
    return Error::invalid("text", "over " + std::to_string(kMaxTextBytes) + " bytes");
  std::unique_ptr<QRcode, QrDeleter> code;
  errno = 0;
  if (text.find('\0') == std::string_view::npos) {
    std::string z(text);  // libqrencode wants a NUL-terminated string
    // Case-sensitive, with 8-bit as the fallback mode: libqrencode splits the text into
    // numeric, alphanumeric and 8-bit segments for the smallest symbol.
    code.reset(QRcode_encodeString(z.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
  } else {
    code.reset(QRcode_encodeData(static_cast<int>(text.size()),
                                 reinterpret_cast<const unsigned char*>(text.data()), 0,
                                 QR_ECLEVEL_M));
  }
  if (code == nullptr || code->width <= 0 || code->data == nullptr) {
    int err = errno;
    return Error::internal(std::string("libqrencode failed: ") +
                           (err != 0 ? std::strerror(err) : "no symbol"));
  }
  const int width = code->width;
  const int size = width + 2 * kQuietZone;
  std::string svg;
  svg.reserve(static_cast<size_t>(width) * static_cast<size_t>(width) * 4 + 300);
  svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ";
  svg += std::to_string(size) + " " + std::to_string(size);
  svg += "\" shape-rendering=\"crispEdges\" role=\"img\">";
  svg += "<rect width=\"" + std::to_string(size) + "\" height=\"" + std::to_string(size) +
         "\" fill=\"#fff\"/>";
  svg += "<path fill=\"#000\" d=\"";
  // One subpath per horizontal run of dark modules (bit 0 of each module byte).
  for (int y = 0; y < width; ++y) {
    const unsigned char* row = code->data + static_cast<size_t>(y) * static_cast<size_t>(width);
    int x = 0;
    while (x < width) {
      if ((row[x] & 1) == 0) {
        ++x;
        continue;
      }
      int start = x;
      while (x < width && (row[x] & 1) != 0) ++x;
      int run = x - start;
      svg += "M" + std::to_string(start + kQuietZone) + " " + std::to_string(y + kQuietZone) + "h" +
             std::to_string(run) + "v1h-" + std::to_string(run) + "z";
    }
  }
  svg += "\"/></svg>";
  return svg;
}

}  // namespace isms
