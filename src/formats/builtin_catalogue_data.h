// The reference data of the built-in catalogue: the CSV files of data/catalogue/ (see its
// README.md), compiled into the binary by cmake/embed_files.cmake, which writes
// <build>/generated/builtin_catalogue_data.cc defining these (one per file, named after
// it). Internal to the formats layer; builtin_catalogue() is the one reader.
#pragma once

#include <string_view>

namespace isms::builtin_data {

extern const std::string_view iso27001_2022_clauses_csv;
extern const std::string_view iso27001_2022_annexA_csv;
extern const std::string_view nis2_2024_2690_annex_csv;
extern const std::string_view nis2_to_iso27001_csv;

}  // namespace isms::builtin_data
