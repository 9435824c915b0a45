// Operational records (store migration 8): the registers of running the ISMS (calendar
// activities and their completed occurrences, objectives, indicators, measurements, audit
// programmes, audits, findings, corrective actions, management reviews, exceptions, events,
// incidents with their timeline and submitted reports, notification settings, webhooks and
// deliveries). Each is a versioned JSON body that its domain module defines and validates,
// plus the few columns lists filter and order on, whose meaning per kind is fixed in
// store/README.md "Operational records". The store never looks inside `body`.
//
// A plain data carrier defined here, below the store, so that domain modules can convert
// their records without depending on the store layer.
#pragma once

#include <cstdint>
#include <string>

namespace isms {

struct OpRecord {
  std::string kind;       // "activity", "incident", ...: [a-z_]{1,40}
  std::string id;         // unique across kinds
  std::string ref;        // human reference ("INC-0007"), unique per kind; "" = none
  std::string parent_id;  // the record this one belongs to; "" = none
  std::string status;     // the kind's state name; "" = none
  std::string owner_id;   // person id; "" = none
  std::string due_at;     // "YYYY-MM-DD" or RFC 3339 UTC (sorts in time order); "" = none
  bool archived = false;
  std::string body;  // JSON text, at most 4 MiB
  int64_t version = 1;
  std::string created_at;
  std::string updated_at;
};

}  // namespace isms
