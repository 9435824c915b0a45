// Internals of `isms document ...`, shared by document.cc (registration, list, show,
// create, edit, versions, diff), document_workflow.cc (submit, return, approve, publish,
// new-version, archive, ack, acks, remind) and document_files.cc (render, import, export).
// Every verb works locally and with --server, printing the API's JSON (wire.h).
#pragma once

#include <string>

#include "base/error.h"
#include "base/json.h"
#include "cli/command.h"
#include "cli/remote/client.h"
#include "service/context.h"

namespace isms::cli {

// "/documents/<id escaped>" + suffix.
std::string document_path(const std::string& id, const std::string& suffix = "");

// A full document id as given (lower-cased); a shorter one (at least 4 characters) is a
// prefix, resolved among all documents the caller may read, archived included: kNotFound
// when none matches, kInvalid (field "id") when several do.
Result<std::string> resolve_document_id(const ServiceContext& services, const std::string& id);
Result<std::string> resolve_document_id(ApiClient& client, const std::string& id);

// The document view (GET /documents/{id}: document, latest, published, can_write,
// can_approve) of a resolved id.
Result<Json> local_document_view(const ServiceContext& services, const std::string& id);
Result<Json> remote_document_view(ApiClient& client, const std::string& id);

// The version row lock of the document's open (latest) version, for workflow steps and
// draft edits: `given` when positive, else latest.version of the view.
Result<int64_t> open_version_of(const Json& view, int64_t given);

// A version named by id, number ("2") or label ("3.1") among `versions` (the items of
// GET /documents/{id}/versions): its id; kNotFound naming `field` otherwise.
Result<std::string> resolve_version(const Json& versions, const std::string& given,
                                    const std::string& field);
Result<Json> local_versions(const ServiceContext& services, const std::string& id);
Result<Json> remote_versions(ApiClient& client, const std::string& id);

// Prints a document view (metadata, the latest version, change log, warnings, body).
int print_document_view(const Json& view);

void add_document_workflow_commands(CLI::App* document, Invocation* invocation);
void add_document_file_commands(CLI::App* document, Invocation* invocation);

}  // namespace isms::cli
