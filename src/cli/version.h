// The version `isms version` and `isms --version` report. Kept in step with
// project(VERSION ...) in the top-level CMakeLists.txt.
#pragma once

namespace isms::cli {

inline constexpr const char* kIsmsVersion = "0.1.0";

}  // namespace isms::cli
