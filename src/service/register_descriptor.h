// Register descriptors: the fields, types, options and relations of a register, published
// at /api/v1/registers so the web UI renders list, detail and form from them and the
// OpenAPI document describes the bodies. One descriptor per register.
#pragma once

#include <string>
#include <vector>

#include "base/json.h"

namespace isms {

struct FieldOption {
  Json value;  // string or integer
  std::string label;
};

struct FieldDescriptor {
  std::string name;
  std::string label;
  std::string type;  // string|text|enum|level|reference|reference_list|datetime|boolean|integer
  bool required = false;
  bool read_only = false;
  bool list = false;        // shown as a column in the list view
  bool sortable = false;    // accepted by ?sort=
  bool filterable = false;  // accepted as a filter parameter
  size_t max_length = 0;    // 0 = no limit stated
  std::vector<FieldOption> options;
  std::string reference;      // register name for reference types
  std::string display_field;  // read-only field holding the referenced object's name
  std::string help;
};

struct RegisterDescriptor {
  std::string name;      // "assets": table, URL and JSON name
  std::string title;     // "IT Systems Registry"
  std::string singular;  // "Asset"
  std::string path;      // "/api/v1/assets"
  std::string default_sort;
  std::vector<FieldDescriptor> fields;
};

const RegisterDescriptor& asset_register();
const std::vector<const RegisterDescriptor*>& all_registers();
Json register_to_json(const RegisterDescriptor& descriptor);

}  // namespace isms
