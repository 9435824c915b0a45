#include "domain/asset_json_writer.h"

#include "base/json_writer.h"

namespace isms {

// Members in nlohmann's order (std::map: byte-wise ascending keys), so the text equals
// dump_json(asset_to_json(asset)). A field added to asset_to_json must be added here at
// its sorted place; the equality test fails until it is.
namespace {

void append_string_array(const std::vector<std::string>& items, std::string* out) {
  out->push_back('[');
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out->push_back(',');
    append_json_string(items[i], out);
  }
  out->push_back(']');
}

}  // namespace

void append_asset_json(const Asset& a, std::string* out) {
  out->append("{\"archive_reason\":");
  append_json_optional(a.archive_reason, out);
  out->append(",\"archived\":");
  append_json_bool(a.archived(), out);
  out->append(",\"archived_at\":");
  append_json_optional(a.archived_at, out);
  out->append(",\"authenticity\":");
  append_json_int(a.authenticity, out);
  out->append(",\"availability\":");
  append_json_int(a.availability, out);
  out->append(",\"business_function\":");
  append_json_string(a.business_function, out);
  out->append(",\"classification\":");
  append_json_string(classification_name(a.classification), out);
  out->append(",\"confidentiality\":");
  append_json_int(a.confidentiality, out);
  out->append(",\"content_hidden\":");
  append_json_bool(a.content_hidden, out);
  out->append(",\"created_at\":");
  append_json_string(a.created_at, out);
  out->append(",\"depends_on\":");
  append_string_array(a.depends_on, out);
  out->append(",\"description\":");
  if (a.content_hidden) {
    out->append("null");
  } else {
    append_json_string(a.description, out);
  }
  out->append(",\"id\":");
  append_json_string(a.id, out);
  out->append(",\"integrity\":");
  append_json_int(a.integrity, out);
  out->append(",\"lifecycle_status\":");
  append_json_string(lifecycle_status_name(a.lifecycle_status), out);
  out->append(",\"name\":");
  append_json_string(a.name, out);
  out->append(",\"owner_id\":");
  append_json_optional(a.owner_id, out);
  out->append(",\"owner_name\":");
  append_json_optional(a.owner_name, out);
  out->append(",\"type\":");
  append_json_string(asset_type_name(a.type), out);
  out->append(",\"updated_at\":");
  append_json_string(a.updated_at, out);
  out->append(",\"version\":");
  append_json_int(a.version, out);
  out->append(",\"working_group_ids\":");
  append_string_array(a.working_group_ids, out);
  out->push_back('}');
}

}  // namespace isms
