#include "service/register_descriptor.h"

#include "domain/asset.h"
#include "domain/classification.h"

namespace isms {

namespace {

FieldDescriptor field(std::string name, std::string label, std::string type) {
  FieldDescriptor f;
  f.name = std::move(name);
  f.label = std::move(label);
  f.type = std::move(type);
  return f;
}

std::vector<FieldOption> level_options() {
  std::vector<FieldOption> out;
  for (int l = kMinLevel; l <= kMaxLevel; ++l)
    out.push_back({Json(l), std::string(level_label(l))});
  return out;
}

std::string title_case(std::string_view name) {
  std::string s(name);
  for (auto& c : s) c = c == '_' ? ' ' : c;
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

RegisterDescriptor build_asset_register() {
  RegisterDescriptor r;
  r.name = "assets";
  r.title = "IT Systems Registry";
  r.singular = "Asset";
  r.path = "/api/v1/assets";
  r.default_sort = "name";

  auto name = field("name", "Name", "string");
  name.required = name.list = name.sortable = true;
  name.max_length = kAssetNameMax;
  name.help = "What the asset is called in the organization.";

  auto type = field("type", "Type", "enum");
  type.required = type.list = type.sortable = type.filterable = true;
  for (auto t : {AssetType::kInformation, AssetType::kSystem, AssetType::kApplication,
                 AssetType::kService, AssetType::kDevice, AssetType::kNetwork,
                 AssetType::kCloudService, AssetType::kFacility, AssetType::kOther}) {
    type.options.push_back({Json(asset_type_name(t)), title_case(asset_type_name(t))});
  }

  auto classification = field("classification", "Classification", "enum");
  classification.required = classification.list = classification.sortable = true;
  classification.filterable = true;
  classification.help =
      "public < internal < confidential < customer_data. Customer data is never reclassified "
      "lower; any lowering needs a justification.";
  for (auto c : {Classification::kPublic, Classification::kInternal, Classification::kConfidential,
                 Classification::kCustomerData}) {
    classification.options.push_back(
        {Json(classification_name(c)), std::string(classification_label(c))});
  }

  auto owner = field("owner_id", "Owner", "reference");
  owner.list = owner.filterable = true;
  owner.reference = "persons";
  owner.display_field = "owner_name";
  owner.help = "The person accountable for the asset (ISO/IEC 27001 A.5.9).";

  auto description = field("description", "Description", "text");
  description.max_length = kAssetDescriptionMax;

  auto business = field("business_function", "Business function", "string");
  business.max_length = kAssetBusinessFunctionMax;
  business.help = "The business process the asset supports.";

  std::vector<FieldDescriptor> levels;
  for (auto [n, l] : {std::pair{"confidentiality", "Confidentiality"},
                      {"integrity", "Integrity"},
                      {"availability", "Availability"},
                      {"authenticity", "Authenticity"}}) {
    auto f = field(n, l, "level");
    f.required = true;
    f.options = level_options();
    f.help = std::string("Required level of ") + n + ".";
    levels.push_back(f);
  }

  auto status = field("lifecycle_status", "Lifecycle status", "enum");
  status.required = status.list = status.sortable = status.filterable = true;
  for (auto s : {LifecycleStatus::kPlanned, LifecycleStatus::kActive, LifecycleStatus::kRetiring,
                 LifecycleStatus::kRetired}) {
    status.options.push_back(
        {Json(lifecycle_status_name(s)), title_case(lifecycle_status_name(s))});
  }

  auto depends = field("depends_on", "Depends on", "reference_list");
  depends.reference = "assets";
  depends.help = "Other assets this one needs in order to work.";

  auto read_only = [](std::string n, std::string l, std::string t, bool sortable) {
    auto f = field(std::move(n), std::move(l), std::move(t));
    f.read_only = true;
    f.sortable = sortable;
    return f;
  };
  auto updated = read_only("updated_at", "Updated", "datetime", true);
  updated.list = true;

  r.fields = {name, type, classification, owner, status, business, description};
  r.fields.insert(r.fields.end(), levels.begin(), levels.end());
  r.fields.push_back(depends);
  r.fields.push_back(read_only("id", "Id", "string", false));
  r.fields.push_back(read_only("owner_name", "Owner name", "string", true));
  r.fields.push_back(read_only("archived", "Archived", "boolean", false));
  r.fields.push_back(read_only("archived_at", "Archived at", "datetime", false));
  r.fields.push_back(read_only("archive_reason", "Archive reason", "text", false));
  r.fields.push_back(read_only("version", "Version", "integer", false));
  r.fields.push_back(read_only("created_at", "Created", "datetime", true));
  r.fields.push_back(updated);
  return r;
}

}  // namespace

const RegisterDescriptor& asset_register() {
  static const RegisterDescriptor kAssets = build_asset_register();
  return kAssets;
}

const std::vector<const RegisterDescriptor*>& all_registers() {
  static const std::vector<const RegisterDescriptor*> kAll = {&asset_register()};
  return kAll;
}

Json register_to_json(const RegisterDescriptor& d) {
  Json fields = Json::array();
  for (const auto& f : d.fields) {
    Json j{{"name", f.name},         {"label", f.label},          {"type", f.type},
           {"required", f.required}, {"read_only", f.read_only},  {"list", f.list},
           {"sortable", f.sortable}, {"filterable", f.filterable}};
    if (f.max_length) j["max_length"] = f.max_length;
    if (!f.options.empty()) {
      Json opts = Json::array();
      for (const auto& o : f.options) opts.push_back({{"value", o.value}, {"label", o.label}});
      j["options"] = opts;
    }
    if (!f.reference.empty()) j["reference"] = f.reference;
    if (!f.display_field.empty()) j["display_field"] = f.display_field;
    if (!f.help.empty()) j["help"] = f.help;
    fields.push_back(j);
  }
  return Json{{"name", d.name},
              {"title", d.title},
              {"singular", d.singular},
              {"path", d.path},
              {"default_sort", d.default_sort},
              {"fields", fields}};
}

}  // namespace isms
