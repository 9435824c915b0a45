// SoaService::import: an existing SoA from CSV/XLSX (formats/soa_import.h) compared with
// the working lines of iso27001-2022's Annex A; the dry run shows what would change, the
// apply stores the accepted rows in one transaction with one "soa.import" ledger entry.
#include <map>
#include <set>

#include "base/crypto.h"
#include "domain/catalogue.h"
#include "formats/table_reader.h"
#include "service/admin_common.h"
#include "service/ledger_recorder.h"
#include "service/soa_service.h"
#include "service/soa_working.h"

namespace isms {

using namespace soa_detail;

namespace {

std::string joined_errors(const std::vector<FieldError>& errors) {
  std::string out;
  for (const FieldError& e : errors) out += (out.empty() ? "" : "; ") + e.field + ": " + e.message;
  return out;
}

std::vector<std::string> header_cells(const Table& table, int header_row) {
  std::vector<std::string> out;
  if (header_row < 0 || header_row >= static_cast<int>(table.rows.size())) return out;
  for (const TableCell& c : table.rows[static_cast<size_t>(header_row)]) out.push_back(c.text);
  return out;
}

Json reasons_json(const std::vector<InclusionReason>& reasons) {
  Json out = Json::array();
  for (InclusionReason r : reasons) out.push_back(inclusion_reason_name(r));
  return out;
}

}  // namespace

Result<SoaImportResult> SoaService::import(const Principal& p,
                                           const SoaImportRequest& request) const {
  ISMS_TRY(admin::require_permission(p, "soa:write"));
  if (request.content.size() > kTableFileMax) {
    return Error::too_large("the file is " + std::to_string(request.content.size()) +
                            " bytes; at most 20 MiB is accepted");
  }
  ISMS_ASSIGN(Table table, read_table(request.file_name, request.content, request.mapping.sheet));

  SoaImportResult result;
  bool suggested = request.mapping.empty();
  SoaColumnMapping mapping = request.mapping;
  if (suggested) {
    mapping = suggest_soa_mapping(table);
    if (!request.mapping.sheet.empty()) mapping.sheet = request.mapping.sheet;
  }
  result.mapping = mapping;
  result.headers = header_cells(table, mapping.header_row < 0 ? 0 : mapping.header_row);
  if (suggested && (mapping.ref < 0 || mapping.applicable < 0)) {
    // The suggestion found no id or applicability column: a dry run still answers with
    // the headers, so the person can map the columns; applying needs a mapping.
    if (request.dry_run) return result;
    return Error::invalid(mapping.ref < 0 ? "ref" : "applicable",
                          "not mapped and not recognizable from the headers: give the mapping");
  }
  ISMS_ASSIGN(SoaColumnMapping resolved, resolve_soa_mapping(table, mapping));
  result.mapping = resolved;
  result.mapping.sheet = mapping.sheet;
  result.headers = header_cells(table, resolved.header_row < 0 ? 0 : resolved.header_row);

  std::unique_ptr<StoreTx> tx;
  if (request.dry_run) {
    ISMS_ASSIGN(tx, ctx_.store->begin_read());
  } else {
    ISMS_ASSIGN(tx, ctx_.store->begin_write());
  }
  const std::string fw(kIso27001Id);
  ISMS_ASSIGN(std::vector<Applicability> lines, working_lines(*tx, {fw}, today(ctx_)));
  std::map<std::string, const Applicability*> line_of;
  for (const Applicability& a : lines) line_of[a.ref_id] = &a;
  auto known = [&line_of](const std::string& ref) { return line_of.count(ref) > 0; };
  ISMS_ASSIGN(result.rows, read_soa_rows(table, resolved, known));

  std::vector<Applicability> to_store;
  for (SoaImportRow& row : result.rows) {
    if (row.error) {
      ++result.rows_rejected;
      continue;
    }
    auto it = line_of.find(row.ref_id);
    if (it == line_of.end()) {  // read_soa_rows accepts only known ids; be safe
      row.error = "not an Annex A control of " + fw;
      ++result.rows_rejected;
      continue;
    }
    const Applicability& before = *it->second;
    Applicability after = before;
    ApplicabilityFields fields = row.fields;
    fields.version.reset();
    apply_applicability_fields(fields, &after);
    auto errors = validate_applicability(after);
    if (!errors.empty()) {
      row.error = joined_errors(errors);
      ++result.rows_rejected;
      continue;
    }
    std::vector<std::string> changed = decision_changes(before, after);
    if (changed.empty()) {
      ++result.rows_unchanged;
      continue;
    }
    ++result.rows_ok;
    after.updated_by = p.actor;
    after.updated_at = ctx_.clock->now_utc();
    after.version = before.version + 1;
    result.changes.push_back(
        SoaLineChange{fw, before.ref_id, before.title, std::move(changed), before, after});
    to_store.push_back(std::move(after));
  }
  if (request.dry_run) return result;

  if (!to_store.empty()) {
    Json changed_lines = Json::array();
    for (const Applicability& a : to_store) {
      ISMS_TRY(tx->put_applicability(a, a.version - 1));
      changed_lines.push_back(Json{{"ref_id", a.ref_id},
                                   {"applicable", applicable_name(a.applicable)},
                                   {"reasons", reasons_json(a.reasons)},
                                   {"justification", a.justification},
                                   {"implementation", implementation_status_name(a.implementation)},
                                   {"version", a.version}});
    }
    LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
    ISMS_TRY(ledger.record("soa.import", "soa", "working",
                           Json{{"framework_id", fw},
                                {"file_name", request.file_name},
                                {"sha256", sha256_hex(request.content)},
                                {"size", static_cast<int64_t>(request.content.size())},
                                {"rows_ok", result.rows_ok},
                                {"rows_rejected", result.rows_rejected},
                                {"rows_unchanged", result.rows_unchanged},
                                {"lines", std::move(changed_lines)}}));
    ISMS_TRY(ledger.finish());
    ISMS_TRY(tx->commit());
  }
  result.applied = true;
  return result;
}

}  // namespace isms
