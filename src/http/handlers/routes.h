// Route registration, one function per resource file in this directory. Each adds its
// routes with their documentation (router.h RouteDoc) to the table App owns. Handlers
// capture services by value; services hold a reference to ctx, which outlives the App.
#pragma once

#include <functional>
#include <string>

#include "http/cached_get.h"
#include "http/router.h"
#include "service/auth_service.h"
#include "service/context.h"

namespace isms::http {

void add_health_routes(Router& router, const ServiceContext& ctx);
void add_organization_routes(Router& router, const ServiceContext& ctx, const CachedGet& cached);
void add_register_routes(Router& router);
void add_asset_routes(Router& router, const ServiceContext& ctx, const CachedGet& cached);
void add_demo_routes(Router& router, const ServiceContext& ctx);
void add_ledger_routes(Router& router, const ServiceContext& ctx);
// Issue 3: authentication (auth.cc, tokens.cc, me.cc) and access administration.
void add_auth_routes(Router& router, const ServiceContext& ctx, const AuthService& auth);
void add_token_routes(Router& router, const ServiceContext& ctx, const AuthService& auth);
void add_me_routes(Router& router, const ServiceContext& ctx, const AuthService& auth);
void add_user_routes(Router& router, const ServiceContext& ctx);      // users.cc
void add_role_routes(Router& router, const ServiceContext& ctx);      // roles.cc (+ permissions)
void add_person_routes(Router& router, const ServiceContext& ctx);    // persons.cc
void add_group_routes(Router& router, const ServiceContext& ctx);     // groups.cc
void add_grant_routes(Router& router, const ServiceContext& ctx);     // grants.cc
void add_settings_routes(Router& router, const ServiceContext& ctx);  // settings.cc
// Issue 4: requirements catalogue and citations (catalogue.cc), documents (documents.cc,
// documents_workflow.cc), traceability and gaps (traceability.cc).
void add_catalogue_routes(Router& router, const ServiceContext& ctx, const CachedGet& cached);
void add_document_routes(Router& router, const ServiceContext& ctx, const CachedGet& cached);
void add_document_workflow_routes(Router& router, const ServiceContext& ctx);
void add_traceability_routes(Router& router, const ServiceContext& ctx, const CachedGet& cached);
// Issue 5: risk method, threats and vulnerabilities (risk_method.cc), risks (risks.cc),
// risk cycles (risk_cycles.cc), controls and evidence (controls.cc), the Statement of
// Applicability (soa.cc).
void add_risk_method_routes(Router& router, const ServiceContext& ctx, const CachedGet& cached);
void add_risk_routes(Router& router, const ServiceContext& ctx, const CachedGet& cached);
void add_risk_cycle_routes(Router& router, const ServiceContext& ctx, const CachedGet& cached);
void add_control_routes(Router& router, const ServiceContext& ctx, const CachedGet& cached);
void add_soa_routes(Router& router, const ServiceContext& ctx, const CachedGet& cached);
// Issue 6: running the ISMS (one file each in this directory).
void add_calendar_routes(Router& router, const ServiceContext& ctx,
                         const CachedGet& cached);  // calendar.cc
void add_notification_routes(Router& router, const ServiceContext& ctx,
                             const CachedGet& cached);  // notifications.cc
void add_objective_routes(Router& router, const ServiceContext& ctx,
                          const CachedGet& cached);  // objectives.cc
void add_audit_routes(Router& router, const ServiceContext& ctx,
                      const CachedGet& cached);  // audits.cc
void add_management_review_routes(Router& router, const ServiceContext& ctx,
                                  const CachedGet& cached);  // management_reviews.cc
void add_exception_routes(Router& router, const ServiceContext& ctx,
                          const CachedGet& cached);  // exceptions.cc
void add_incident_routes(Router& router, const ServiceContext& ctx,
                         const CachedGet& cached);  // incidents.cc
// document() returns the serialized OpenAPI document; called per request.
// `cached` serves data reads through App's response cache (cached_get.h).
void add_openapi_route(Router& router, std::function<const std::string&()> document);

// All of the above, in the order the OpenAPI document lists them.
void add_all_routes(Router& router, const ServiceContext& ctx, const CachedGet& cached,
                    const AuthService& auth, std::function<const std::string&()> openapi_document);

}  // namespace isms::http
