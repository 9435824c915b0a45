#include "domain/calendar_fields.h"

#include <algorithm>

#include "domain/risk_common.h"

namespace isms {

Result<ActivityFields> activity_fields_from_json(const Json& body) {
  if (!body.is_object()) return Error::invalid("body", "must be a JSON object");
  ActivityFields f;
  risk_detail::JsonFields d;
  for (auto it = body.begin(); it != body.end(); ++it) {
    const std::string& key = it.key();
    const Json& v = it.value();
    if (key == "title" || key == "description" || key == "anchor_on" || key == "policy_ref") {
      auto t = d.string(v, key);
      if (!t) continue;
      if (key == "title") f.title = *t;
      if (key == "description") f.description = *t;
      if (key == "policy_ref") f.policy_ref = *t;
      if (key == "anchor_on") {
        if (!risk_detail::is_valid_date(*t)) {
          d.add(key, "must be a date YYYY-MM-DD");
        } else {
          f.anchor_on = *t;
        }
      }
    } else if (key == "owner_id") {
      if (auto t = d.nullable_string(v, key)) f.owner_id = t->value_or("");
    } else if (key == "cadence") {
      f.cadence = v;
    } else if (key == "subject") {
      if (!v.is_object()) {
        d.add(key, "must be an object {\"register\",\"object_id\"}");
        continue;
      }
      Subject s;
      bool ok = true;
      for (auto m = v.begin(); m != v.end(); ++m) {
        if (m.key() == "register" && m.value().is_string()) {
          s.register_name = m.value().get<std::string>();
        } else if (m.key() == "object_id" && (m.value().is_string() || m.value().is_null())) {
          s.object_id = m.value().is_null() ? "" : m.value().get<std::string>();
        } else {
          d.add("subject." + m.key(), m.key() == "register" || m.key() == "object_id"
                                          ? "must be a string"
                                          : "unknown field");
          ok = false;
        }
      }
      if (!v.contains("register")) {
        d.add("subject.register", "is required");
        ok = false;
      }
      if (ok) f.subject = s;
    } else if (key == "requires") {
      if (auto list = d.strings(v, key, 3)) {
        std::vector<std::string> ordered;
        for (std::string_view name : kRequirementNames) {
          if (std::find(list->begin(), list->end(), name) != list->end()) {
            ordered.emplace_back(name);
          }
        }
        for (const auto& r : *list) {
          if (std::find(ordered.begin(), ordered.end(), r) == ordered.end()) {
            d.add(key, "\"" + r.substr(0, 40) + "\" is not notes, evidence or decision");
          }
        }
        f.requires_fields = ordered;
      }
    } else if (key == "due_window_days") {
      if (auto n = d.integer(v, key, 0, kDueWindowMax)) f.due_window_days = static_cast<int>(*n);
    } else if (key == "status") {
      auto t = d.string(v, key);
      if (!t) continue;
      auto s = parse_activity_status(*t);
      if (!s) {
        d.add(key, "must be active or paused");
      } else {
        f.status = *s;
      }
    } else if (key == "version") {
      if (auto n = d.integer(v, key, 1, INT64_MAX)) f.version = *n;
    } else if (key == "id" || key == "ref" || key == "archived" || key == "default_key" ||
               key == "cadence_text" || key == "created_at" || key == "updated_at" ||
               key == "owner_name" || key == "next_due" || key == "next_state") {
      d.add(key, "is read-only");
    } else {
      d.add(key, "unknown field");
    }
  }
  ISMS_TRY(d.finish());
  return f;
}

}  // namespace isms
