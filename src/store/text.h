// Text keys computed in C++ (not by the database) so that case-insensitive matching is
// identical on both engines and on every machine: SQLite's LIKE/NOCASE fold only ASCII,
// PostgreSQL folds by the database's locale. Both engines store these keys in columns
// (persons.email_key, persons.name_sort, assets.name_sort, assets.owner_sort,
// assets.search_text).
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

// The sort key of user text (asset and person names): fold_case(text) + U+0001 + text,
// and "" for "". Comparing keys by bytes orders by the folded text ("apple" < "Zebra"),
// then by the exact text ("Apple" < "apple"): names contain no control characters
// (domain validation), so U+0001 sorts below every character that can follow a shorter
// folded prefix. One column then carries the whole order, so keyset pagination runs on
// an (archived, key, id) index. "" stays "" so that an owner without a name sorts with
// assets without owner (owner_sort '') instead of needing a key of its own.
inline constexpr char kSortKeySeparator = '\x01';
std::string sort_key(std::string_view text);

// fold_case(name) + separator + fold_case(description) + separator + fold_case(business_function).
std::string asset_search_text(const Asset& asset);

// The LIKE pattern (escape character '\') matching search_text values that contain
// `search` case-insensitively, with %, _ and \ in `search` matching literally. nullopt
// when nothing can match (the search contains the field separator), so the caller can
// skip the query. REQUIRES: search.size() <= kMaxSearchBytes (asset_list.h).
std::optional<std::string> search_like_pattern(std::string_view search);

// Trigram indexes (SQLite FTS5 trigram, PostgreSQL pg_trgm) can serve a substring search
// only when the folded search has at least this many characters (code points).
inline constexpr size_t kMinTrigramChars = 3;

// The number of code points in `utf8`, or nullopt when it is not valid UTF-8.
std::optional<size_t> utf8_code_points(std::string_view utf8);

}  // namespace isms::store_detail
