// The PDF of a filed incident report (NIS2 early warning, notification, intermediate,
// final, progress; GDPR breach notification), rendered once at filing time from the frozen
// document (service/incident_reports.cc) and never again: the stored bytes are what was
// sent. Layout through render/report_pdf.h. Pure apart from the PDF libraries.
#pragma once

#include <string>

#include "base/error.h"
#include "base/json.h"

namespace isms {

// The human title of a report type ("NIS2 early warning", "GDPR personal data breach
// notification", ...).
std::string incident_report_title(const std::string& type);

// `frozen` is the frozen document: {"report":{...}, "incident":{...}, "clocks":[...],
// "timeline":[...]}. organization_name may be empty.
Result<std::string> render_incident_report_pdf(const Json& frozen,
                                               const std::string& organization_name);

}  // namespace isms
