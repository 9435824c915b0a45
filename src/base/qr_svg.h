// QR codes as SVG (libqrencode), for TOTP enrolment: the server renders the otpauth://
// URI so the secret never leaves through a third-party script.
#pragma once

#include <string>
#include <string_view>

#include "base/error.h"

namespace isms {

// A standalone SVG document (black modules on white, 4-module quiet zone, error
// correction level M, one <path>), scaling to its container (viewBox only, no width or
// height). Deterministic. kInvalid for empty text or text over 1000 bytes; kInternal
// when libqrencode fails.
Result<std::string> qr_svg(std::string_view text);

}  // namespace isms
