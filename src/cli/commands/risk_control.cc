#include "cli/commands/risk_control.h"

#include <CLI/App.hpp>
#include <algorithm>
#include <cctype>

#include "cli/args.h"
#include "cli/commands/wire.h"
#include "cli/context.h"
#include "domain/control.h"
#include "domain/risk.h"
#include "service/control_service.h"
#include "service/person_service.h"
#include "service/role_service.h"

namespace isms::cli {

namespace {

constexpr int kMaxScaleValue = 6;  // kMaxScaleLevels: the service checks the method's size
constexpr int kLookupLimit = 500;  // the API's largest page

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

Error not_found_field(const std::string& field, const std::string& message) {
  Error e = Error::not_found(message);
  e.field = field;
  return e;
}

// "R-0001" / "c-12": the prefix letter, a dash and digits.
bool looks_like_ref(const std::string& given, char letter) {
  if (given.size() < 3 || std::toupper(static_cast<unsigned char>(given[0])) != letter ||
      given[1] != '-') {
    return false;
  }
  return std::all_of(given.begin() + 2, given.end(),
                     [](unsigned char c) { return std::isdigit(c) != 0; });
}

// The item of a list answer whose "ref" is `ref` (case-insensitive).
Result<std::string> id_by_ref(const Json& list, const std::string& ref, const std::string& field,
                              const std::string& noun) {
  for (const Json& item : array_of(list, "items")) {
    if (lower(text_of(item, "ref")) == lower(ref)) return text_of(item, "id");
  }
  return not_found_field(field, "no " + noun + " " + ref);
}

}  // namespace

bool Flag::given() const { return option != nullptr && option->count() > 0; }

void add_flag_option(CLI::App* command, const char* name, Flag* flag, const char* help,
                     const char* type) {
  flag->option = command->add_option(name, flag->value, help)->type_name(type);
}

Result<Json> parse_rating(const std::string& field, const std::string& text) {
  auto bad = [&] {
    return Error::invalid(field,
                          "must be L:C/I/A/AU (likelihood, then the impact on confidentiality/"
                          "integrity/availability/authenticity, 0 = not affected), e.g. "
                          "4:3/2/0/1; got '" +
                              text + "'");
  };
  size_t colon = text.find(':');
  if (colon == std::string::npos) return bad();
  auto likelihood = parse_integer(field, text.substr(0, colon), 1, kMaxScaleValue);
  if (!likelihood.ok()) return bad();
  std::vector<int64_t> impacts;
  std::string rest = text.substr(colon + 1);
  size_t start = 0;
  while (start <= rest.size()) {
    size_t slash = rest.find('/', start);
    if (slash == std::string::npos) slash = rest.size();
    auto value = parse_integer(field, rest.substr(start, slash - start), 0, kMaxScaleValue);
    if (!value.ok()) return bad();
    impacts.push_back(*value);
    start = slash + 1;
  }
  if (impacts.size() != 4) return bad();
  return Json{{"likelihood", *likelihood},
              {"impact",
               {{"confidentiality", impacts[0]},
                {"integrity", impacts[1]},
                {"availability", impacts[2]},
                {"authenticity", impacts[3]}}}};
}

std::string rating_text(const Json& rating) {
  const Json& impact = member_of(rating, "impact");
  return std::to_string(int_of(rating, "likelihood")) + ":" +
         std::to_string(int_of(impact, "confidentiality")) + "/" +
         std::to_string(int_of(impact, "integrity")) + "/" +
         std::to_string(int_of(impact, "availability")) + "/" +
         std::to_string(int_of(impact, "authenticity"));
}

std::string rating_label(const Json& rating) {
  if (!rating.is_object()) return "-";
  std::string level = text_of(member_of(rating, "level"), "name");
  return rating_text(rating) + (level.empty() ? "" : " " + level);
}

Result<Json> parse_scale_map(const std::string& field, const std::string& text) {
  Json map = Json::object();
  for (const std::string& pair : split_list(text)) {
    size_t eq = pair.find('=');
    auto from =
        parse_integer(field, pair.substr(0, eq == std::string::npos ? 0 : eq), 1, kMaxScaleValue);
    auto to =
        parse_integer(field, eq == std::string::npos ? "" : pair.substr(eq + 1), 1, kMaxScaleValue);
    if (eq == std::string::npos || !from.ok() || !to.ok()) {
      return Error::invalid(
          field, "must be OLD=NEW pairs of scale values, e.g. 5=4,4=3; got '" + text + "'");
    }
    map[std::to_string(*from)] = *to;
  }
  return map;
}

Result<std::string> resolve_person(const Backend& b, const std::string& field,
                                   const std::string& given) {
  if (given.find('@') == std::string::npos) return given;  // an id; the service checks it
  Json list;
  if (b.local) {
    ISMS_ASSIGN(auto persons, PersonService(*b.local).list(cli_operator()));
    for (const Person& p : persons) {
      if (lower(p.email) == lower(given)) return p.id;
    }
  } else {
    ISMS_ASSIGN(list, b.remote->get("/persons"));
    for (const Json& p : array_of(list, "items")) {
      if (lower(text_of(p, "email")) == lower(given)) return text_of(p, "id");
    }
  }
  return not_found_field(field, "no person with email " + given);
}

Result<std::string> resolve_source(const Backend& b, RiskSourceKind kind, const std::string& field,
                                   const std::string& given) {
  const std::string noun(risk_source_kind_name(kind));
  Json list;
  if (b.local) {
    ISMS_ASSIGN(auto sources,
                RiskService(*b.local).sources(cli_operator(), kind, ArchivedFilter::kAll));
    list = items_of(sources, risk_source_to_json);
  } else {
    ISMS_ASSIGN(list,
                b.remote->get(kind == RiskSourceKind::kThreat ? "/threats" : "/vulnerabilities",
                              {{"archived", "all"}}));
  }
  for (const char* key : {"id", "key", "name"}) {
    for (const Json& s : array_of(list, "items")) {
      if (lower(text_of(s, key)) == lower(given) && !given.empty()) return text_of(s, "id");
    }
  }
  return not_found_field(
      field, "no " + noun + " with id, key or name '" + given + "' (see isms " + noun + " list)");
}

Result<std::string> resolve_risk(const Backend& b, const std::string& field,
                                 const std::string& given) {
  if (!looks_like_ref(given, 'R')) return given;
  Json list;
  if (b.local) {
    RiskListRequest request;
    request.query.search = given;
    request.query.archived = ArchivedFilter::kAll;
    request.query.limit = kLookupLimit;
    ISMS_ASSIGN(RiskListResult result, RiskService(*b.local).list(cli_operator(), request));
    list = items_of(result.items, [](const RiskView& v) {
      return Json{{"id", v.risk.id}, {"ref", v.risk.ref}};
    });
  } else {
    ISMS_ASSIGN(list, b.remote->get("/risks", {{"q", given},
                                               {"archived", "all"},
                                               {"limit", std::to_string(kLookupLimit)}}));
  }
  return id_by_ref(list, given, field, "risk");
}

Result<std::string> resolve_control(const Backend& b, const std::string& field,
                                    const std::string& given) {
  if (!looks_like_ref(given, 'C')) return given;
  Json list;
  if (b.local) {
    ControlListRequest request;
    request.query.search = given;
    request.query.archived = ArchivedFilter::kAll;
    request.query.limit = kLookupLimit;
    ISMS_ASSIGN(ControlListResult result, ControlService(*b.local).list(cli_operator(), request));
    list = items_of(result.items, [](const Control& c) {
      return Json{{"id", c.id}, {"ref", c.ref}};
    });
  } else {
    ISMS_ASSIGN(list, b.remote->get("/controls", {{"q", given},
                                                  {"archived", "all"},
                                                  {"limit", std::to_string(kLookupLimit)}}));
  }
  return id_by_ref(list, given, field, "control");
}

Result<Principal> principal_as_person(const ServiceContext& s, const std::string& given) {
  ISMS_ASSIGN(std::string id, resolve_person(Backend{&s, nullptr}, "as-person", given));
  Result<Person> person = PersonService(s).get(cli_operator(), id);
  if (!person.ok()) {
    if (person.error().code == ErrorCode::kNotFound) {
      return not_found_field("as-person", "no person " + given);
    }
    return person.error();
  }
  if (person->employment_status == EmploymentStatus::kEnded) {
    return Error::forbidden("as-person: " + person->name +
                            "'s employment has ended; they cannot act for the organization");
  }
  ISMS_ASSIGN(std::vector<Role> roles, RoleService(s).list(cli_operator()));
  Principal p;
  p.person_id = person->id;
  p.actor = cli_actor().id;
  for (const Role& role : roles) {
    if (std::find(person->role_ids.begin(), person->role_ids.end(), role.id) ==
        person->role_ids.end()) {
      continue;
    }
    p.role_keys.push_back(role.key);
    p.permissions.insert(role.permissions.begin(), role.permissions.end());
  }
  return p;
}

Result<Json> collect_pages(bool all, const std::function<Result<Json>(const std::string&)>& page) {
  ISMS_ASSIGN(Json first, page(""));
  if (!all) return first;
  Json items = array_of(first, "items");
  std::string cursor = text_of(first, "next_cursor");
  while (!cursor.empty()) {
    ISMS_ASSIGN(Json next, page(cursor));
    for (const Json& item : array_of(next, "items")) items.push_back(item);
    cursor = text_of(next, "next_cursor");
  }
  first["items"] = std::move(items);
  first["next_cursor"] = nullptr;
  return first;
}

Json page_json(Json items, const std::string& next_cursor, const std::optional<int64_t>& total) {
  Json page{{"items", std::move(items)},
            {"next_cursor", next_cursor.empty() ? Json(nullptr) : Json(next_cursor)}};
  if (total) page["total"] = *total;
  return page;
}

std::string or_dash(const std::string& text) { return text.empty() ? std::string("-") : text; }

std::vector<std::string> strings_in(const Json& array) {
  std::vector<std::string> out;
  if (!array.is_array()) return out;
  for (const Json& s : array) {
    if (s.is_string()) out.push_back(s.get<std::string>());
  }
  return out;
}

}  // namespace isms::cli
