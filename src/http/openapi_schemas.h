// Component schemas of the OpenAPI document (JSON Schema 2020-12, as OpenAPI 3.1 uses).
//
// Register schemas are generated from the register descriptors: for a register with
// singular "Asset" they are Asset (the wire object), AssetCreate, AssetUpdate and
// AssetList. Types come from the descriptor; which fields may be null comes from the
// domain's wire form of a default object (register_wire_example), so neither has to be
// restated here. Everything else (Error, Person, LedgerEntry, ...) is written out below.
#pragma once

#include <string>

#include "base/json.h"
#include "service/register_descriptor.h"

namespace isms::http {

// The wire form of a default-constructed object of the register named `name`, or null
// when unknown (then no field is documented as nullable).
Json register_wire_example(const std::string& name);

// JSON Schema of one field; nullable adds "null" to its type.
Json field_schema(const FieldDescriptor& field, bool nullable);

// {"Asset": ..., "AssetCreate": ..., "AssetUpdate": ..., "AssetList": ...} for `d`. For
// assets also the access fields the descriptor does not list: working_group_ids,
// content_hidden, and a description that may be null.
Json register_schemas(const RegisterDescriptor& d, const Json& example);

// The hand-written schemas (Error, Health, Ready, Organization, Person(List), Role(List),
// RegisterDescriptor, RegisterList, DemoRequest, DemoResult, Dashboard, LedgerEntry,
// LedgerPage, VerifyReport, ArchiveRequest, OpenApiDocument), and those of access
// administration (User*, Role*, Person*, WorkingGroup*, ObjectGrant*, Settings*, ...) and
// of authentication (LoginRequest, SessionInfo, Mfa*, AuthEvent*, ApiToken*, MyAccess, ...).
Json fixed_schemas();

// Those of the requirements catalogue, citations, documents and traceability (Framework,
// Requirement, Mapping, Citation, CitationWarning, Document, Version, GapReport, ...;
// openapi_document_schemas.cc). Part of fixed_schemas().
Json catalogue_document_schemas();

// Those of the risk method, threats and vulnerabilities, risks, risk cycles, controls and
// evidence, and the Statement of Applicability (RiskMethod, Risk, HeatMap, RiskSummary,
// RiskCycle, Control, Evidence, Applicability, Soa, SoaImportResult, ...;
// openapi_risk_schemas.cc). Part of fixed_schemas().
Json risk_control_schemas();

// Those of running the ISMS: the calendar, notifications, objectives and indicators,
// management reviews, exceptions and reviews due, and the dashboard's operations part
// (Activity, Occurrence, AgendaItem, Delivery, Webhook, Objective, Indicator, Measurement,
// ManagementReview, PolicyException, ReviewsDue, DashboardOperations, ...;
// openapi_running_schemas.cc). Part of fixed_schemas().
Json running_schemas();

// Those of audits, findings and corrective actions, events and incidents (AuditProgramme,
// Audit, Finding, CorrectiveAction, AuditReport, SecurityEvent, Incident, ReportClock,
// IncidentReport, ...; openapi_incident_schemas.cc). Part of fixed_schemas().
Json audit_incident_schemas();

}  // namespace isms::http
