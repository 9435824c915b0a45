// Text keys computed in C++ (not by the database) so that case-insensitive matching is
// identical on both engines and on every machine: SQLite's LIKE/NOCASE fold only ASCII,
// PostgreSQL folds by the database's locale. Both engines store these keys in columns
// (persons.email_key, assets.search_text).
//
// Changing fold_case() changes stored keys: it needs a migration that recomputes them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/asset.h"

namespace isms::store_detail {

// Simple (one-to-one) Unicode case folding for ASCII, Latin-1, Latin Extended-A/B,
// Latin Extended Additional, Greek, Cyrillic, Armenian and fullwidth Latin; every other
// code point, and bytes that are not valid UTF-8, pass through unchanged.
std::string fold_case(std::string_view utf8);

// Separates the fields inside assets.search_text so a match cannot span two fields.
inline constexpr char kSearchFieldSeparator = '\x1f';

// fold_case(name) + separator + fold_case(description) + separator + fold_case(business_function).
std::string asset_search_text(const Asset& asset);

// The LIKE pattern (escape character '\') matching search_text values that contain
// `search` case-insensitively, with %, _ and \ in `search` matching literally. nullopt
// when nothing can match (the search contains the field separator), so the caller can
// skip the query. REQUIRES: search.size() <= kMaxSearchBytes (asset_list.h).
std::optional<std::string> search_like_pattern(std::string_view search);

}  // namespace isms::store_detail
