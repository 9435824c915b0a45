#include "service/catalogue_service.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "base/crypto.h"
#include "formats/catalogue_formats.h"
#include "service/admin_common.h"
#include "store/text.h"

namespace isms {

namespace {

constexpr size_t kMaxScanBytes = 2 * 1024 * 1024;
constexpr size_t kMaxSearchBytes = 4000;

bool same_framework(const Framework& a, const Framework& b) {
  return std::tie(a.id, a.urn, a.ref_id, a.name, a.description, a.version, a.provider, a.source,
                  a.copyright) == std::tie(b.id, b.urn, b.ref_id, b.name, b.description, b.version,
                                           b.provider, b.source, b.copyright);
}

bool same_requirement(const Requirement& a, const Requirement& b) {
  return std::tie(a.framework_id, a.ref_id, a.parent_ref_id, a.title, a.description, a.kind,
                  a.assessable, a.position, a.urn, a.notes) ==
         std::tie(b.framework_id, b.ref_id, b.parent_ref_id, b.title, b.description, b.kind,
                  b.assessable, b.position, b.urn, b.notes);
}

auto mapping_tuple(const RequirementMapping& m) {
  return std::tie(m.source_framework_id, m.source_ref_id, m.target_framework_id, m.target_ref_id,
                  m.relationship, m.origin, m.notes);
}

bool mapping_less(const RequirementMapping& a, const RequirementMapping& b) {
  return mapping_tuple(a) < mapping_tuple(b);
}

Result<std::optional<Framework>> stored_framework(StoreTx* tx, const std::string& id) {
  auto f = tx->get_framework(id);
  if (f) return std::optional<Framework>(std::move(*f));
  if (f.error().code == ErrorCode::kNotFound) return std::optional<Framework>();
  return std::move(f).error();
}

// Where a library's frameworks go: a framework whose URN is already stored under another
// id is updated in place under that id (a library that names the built-in frameworks by
// URN must not create twins).
Status assign_stored_ids(StoreTx* tx, CatalogueLibrary* lib) {
  for (Framework& f : lib->frameworks) {
    if (f.urn.empty()) continue;
    ISMS_ASSIGN(std::optional<Framework> by_urn, tx->find_framework_by_urn(f.urn));
    if (!by_urn || by_urn->id == f.id) continue;
    std::string from = f.id;
    f.id = by_urn->id;
    for (Requirement& r : lib->requirements) {
      if (r.framework_id == from) r.framework_id = f.id;
    }
    for (RequirementMapping& m : lib->mappings) {
      if (m.source_framework_id == from) m.source_framework_id = f.id;
      if (m.target_framework_id == from) m.target_framework_id = f.id;
    }
  }
  return ok_status();
}

// Mapping ends named by CISO Assistant URNs become framework and ref ids by the rule of
// resolve_mapping_urns (formats/catalogue_formats.h), against what is stored.
Status resolve_mappings(StoreTx* tx, CatalogueLibrary* lib) {
  Status failure = ok_status();
  resolve_mapping_urns(lib, [&](const std::string& urn) -> std::optional<StoredFramework> {
    auto found = tx->find_framework_by_urn(urn);
    if (!found || !*found) {
      if (!found && failure) failure = std::move(found).error();
      return std::nullopt;
    }
    auto reqs = tx->list_requirements((*found)->id);
    if (!reqs) {
      if (failure) failure = std::move(reqs).error();
      return std::nullopt;
    }
    return StoredFramework{(*found)->id, std::move(*reqs)};
  });
  return failure;
}

Status invalid_library(const std::vector<CatalogueProblem>& problems) {
  std::vector<FieldError> details;
  for (const auto& p : problems) details.push_back({p.field, p.message});
  return Error::invalid(std::move(details));
}

// Writes the library's changes (only changes) and counts them. only_builtin: frameworks
// that were imported (source other than "builtin") are left as they are, so a server
// start never reverts an imported newer version to the built-in data.
Status apply_library(const ServiceContext& ctx, StoreTx* tx, CatalogueLibrary lib,
                     bool only_builtin, CatalogueImportResult* out) {
  ISMS_TRY(assign_stored_ids(tx, &lib));
  ISMS_TRY(resolve_mappings(tx, &lib));
  auto problems = check_library(lib);
  if (!problems.empty()) return invalid_library(problems);
  std::string now = ctx.clock->now_utc();
  for (Framework f : lib.frameworks) {
    ISMS_ASSIGN(std::optional<Framework> before, stored_framework(tx, f.id));
    if (only_builtin && before && before->source != "builtin") continue;
    std::vector<Requirement> stored;
    if (before) {
      ISMS_ASSIGN(stored, tx->list_requirements(f.id));
    }
    std::map<std::string, const Requirement*> old_by_ref;
    for (const Requirement& r : stored) old_by_ref[r.ref_id] = &r;
    std::vector<Requirement> writes;
    std::set<std::string> kept;
    int added = 0, changed = 0;
    for (const Requirement& r : lib.requirements) {
      if (r.framework_id != f.id) continue;
      kept.insert(r.ref_id);
      auto it = old_by_ref.find(r.ref_id);
      if (it == old_by_ref.end()) {
        ++added;
      } else if (!same_requirement(*it->second, r)) {
        ++changed;
      } else {
        continue;
      }
      writes.push_back(r);
    }
    std::vector<std::string> removed;
    for (const Requirement& r : stored) {
      if (!kept.count(r.ref_id)) removed.push_back(r.ref_id);
    }
    bool meta_changed = !before || !same_framework(*before, f);
    if (!meta_changed && writes.empty() && removed.empty()) continue;
    f.updated_at = now;
    ISMS_TRY(tx->upsert_framework(f));
    if (!removed.empty()) ISMS_TRY(tx->delete_requirements(f.id, removed));
    if (!writes.empty()) ISMS_TRY(tx->upsert_requirements(writes));
    (before ? out->frameworks_updated : out->frameworks_created) += 1;
    out->framework_ids.push_back(f.id);
    out->requirements_added += added;
    out->requirements_changed += changed;
    out->requirements_removed += static_cast<int>(removed.size());
  }
  // Mappings are replaced per (source framework, target framework, origin) when they differ.
  std::map<std::tuple<std::string, std::string, std::string>, std::vector<RequirementMapping>>
      groups;
  for (const RequirementMapping& m : lib.mappings) {
    groups[{m.source_framework_id, m.target_framework_id, m.origin}].push_back(m);
  }
  for (auto& [key, mappings] : groups) {
    const auto& [source, target, origin] = key;
    ISMS_ASSIGN(std::vector<RequirementMapping> existing, tx->list_mappings(source, ""));
    std::erase_if(existing, [&](const RequirementMapping& m) {
      return m.source_framework_id != source || m.target_framework_id != target ||
             m.origin != origin;
    });
    std::sort(existing.begin(), existing.end(), mapping_less);
    std::sort(mappings.begin(), mappings.end(), mapping_less);
    mappings.erase(std::unique(mappings.begin(), mappings.end(),
                               [](const auto& a, const auto& b) {
                                 return mapping_tuple(a) == mapping_tuple(b);
                               }),
                   mappings.end());
    bool same = existing.size() == mappings.size() &&
                std::equal(existing.begin(), existing.end(), mappings.begin(),
                           [](const auto& a, const auto& b) {
                             return mapping_tuple(a) == mapping_tuple(b);
                           });
    if (same) continue;
    ISMS_TRY(tx->replace_mappings(source, target, origin, mappings));
    out->mappings += static_cast<int>(mappings.size());
  }
  out->warnings = lib.warnings;
  return ok_status();
}

bool import_changed(const CatalogueImportResult& r) {
  return !r.framework_ids.empty() || r.mappings > 0;
}

Json import_ledger_record(const std::string& format, const CatalogueImportResult& r,
                          const std::string& sha256) {
  Json change{{"format", format},
              {"framework_ids", r.framework_ids},
              {"counts",
               {{"frameworks_created", r.frameworks_created},
                {"frameworks_updated", r.frameworks_updated},
                {"requirements_added", r.requirements_added},
                {"requirements_changed", r.requirements_changed},
                {"requirements_removed", r.requirements_removed},
                {"mappings", r.mappings}}}};
  if (!sha256.empty()) change["sha256"] = sha256;
  return change;
}

std::string ledger_object_id(const CatalogueImportResult& r) {
  return r.framework_ids.size() == 1 ? r.framework_ids.front() : "catalogue";
}

Error framework_not_found(const std::string& id) {
  return Error::not_found("framework " + id + " not found");
}

Result<Framework> find_framework(StoreTx* tx, const std::string& id) {
  ISMS_ASSIGN(std::optional<Framework> f, stored_framework(tx, id));
  if (!f) return framework_not_found(id);
  return std::move(*f);
}

// Titles of requirements by framework, loaded once per framework.
class TitleLookup {
 public:
  explicit TitleLookup(StoreTx* tx) : tx_(tx) {}
  Result<std::string> title(const std::string& fw, const std::string& ref) {
    auto it = titles_.find(fw);
    if (it == titles_.end()) {
      std::map<std::string, std::string> m;
      auto reqs = tx_->list_requirements(fw);
      if (!reqs && reqs.error().code != ErrorCode::kNotFound) return std::move(reqs).error();
      if (reqs) {
        for (const auto& r : *reqs) m[r.ref_id] = r.title;
      }
      it = titles_.emplace(fw, std::move(m)).first;
    }
    auto t = it->second.find(ref);
    return t == it->second.end() ? std::string() : t->second;
  }

 private:
  StoreTx* tx_;
  std::map<std::string, std::map<std::string, std::string>> titles_;
};

Result<std::vector<MappingView>> mapping_views(StoreTx* tx,
                                               std::vector<RequirementMapping> mappings) {
  TitleLookup titles(tx);
  std::vector<MappingView> out;
  for (auto& m : mappings) {
    MappingView v;
    ISMS_ASSIGN(v.source_title, titles.title(m.source_framework_id, m.source_ref_id));
    ISMS_ASSIGN(v.target_title, titles.title(m.target_framework_id, m.target_ref_id));
    v.mapping = std::move(m);
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace

bool CatalogueSnapshot::has_framework(std::string_view framework_id) const {
  return std::any_of(frameworks.begin(), frameworks.end(),
                     [&](const auto& f) { return f.first == framework_id; });
}

bool CatalogueSnapshot::has_requirement(std::string_view framework_id,
                                        std::string_view ref_id) const {
  if (!keys.empty()) return keys.count(requirement_key(framework_id, ref_id)) > 0;
  for (const auto& [fw, refs] : frameworks) {
    if (fw == framework_id) return std::find(refs.begin(), refs.end(), ref_id) != refs.end();
  }
  return false;
}

std::vector<std::string> CatalogueSnapshot::ref_ids(std::string_view framework_id) const {
  for (const auto& [fw, refs] : frameworks) {
    if (fw == framework_id) return refs;
  }
  return {};
}

Result<CatalogueSnapshot> load_catalogue_snapshot(StoreTx* tx) {
  CatalogueSnapshot snapshot;
  ISMS_ASSIGN(std::vector<Framework> frameworks, tx->list_frameworks());
  for (const Framework& f : frameworks) {
    ISMS_ASSIGN(std::vector<Requirement> reqs, tx->list_requirements(f.id));
    std::vector<std::string> refs;
    refs.reserve(reqs.size());
    for (const Requirement& r : reqs) {
      refs.push_back(r.ref_id);
      snapshot.keys.insert(requirement_key(f.id, r.ref_id));
    }
    snapshot.frameworks.emplace_back(f.id, std::move(refs));
  }
  return snapshot;
}

Status CatalogueService::ensure_builtin(const ServiceContext& ctx, StoreTx* tx,
                                        LedgerRecorder* ledger) {
  CatalogueImportResult result;
  ISMS_TRY(apply_library(ctx, tx, builtin_catalogue(), true, &result));
  if (!import_changed(result)) return ok_status();
  return ledger->record("catalogue.import", "catalogue", ledger_object_id(result),
                        import_ledger_record("builtin", result, ""));
}

Result<std::vector<Framework>> CatalogueService::frameworks(const Principal& p) const {
  ISMS_TRY(admin::require_permission(p, "catalogue:read"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  return tx->list_frameworks();
}

Result<Framework> CatalogueService::framework(const Principal& p, const std::string& id) const {
  ISMS_TRY(admin::require_permission(p, "catalogue:read"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  return find_framework(tx.get(), id);
}

Result<std::vector<Requirement>> CatalogueService::requirements(
    const Principal& p, const std::string& framework_id) const {
  ISMS_TRY(admin::require_permission(p, "catalogue:read"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ISMS_TRY(find_framework(tx.get(), framework_id));
  return tx->list_requirements(framework_id);
}

Result<RequirementDetail> CatalogueService::requirement(const Principal& p,
                                                        const std::string& framework_id,
                                                        const std::string& ref_id) const {
  ISMS_TRY(admin::require_permission(p, "catalogue:read"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ISMS_TRY(find_framework(tx.get(), framework_id));
  ISMS_ASSIGN(std::vector<Requirement> all, tx->list_requirements(framework_id));
  std::map<std::string, const Requirement*> by_ref;
  for (const Requirement& r : all) by_ref[r.ref_id] = &r;
  auto it = by_ref.find(ref_id);
  if (it == by_ref.end()) {
    return Error::not_found("requirement " + requirement_key(framework_id, ref_id) + " not found");
  }
  RequirementDetail d;
  d.requirement = *it->second;
  // Parents are checked to exist and form no cycle on import; the bound is defensive.
  for (auto up = by_ref.find(d.requirement.parent_ref_id);
       up != by_ref.end() && d.ancestors.size() < all.size();
       up = by_ref.find(up->second->parent_ref_id)) {
    d.ancestors.insert(d.ancestors.begin(), *up->second);
  }
  for (const Requirement& r : all) {
    if (r.parent_ref_id == ref_id) d.children.push_back(r);
  }
  ISMS_ASSIGN(std::vector<RequirementMapping> mappings, tx->list_mappings(framework_id, ref_id));
  ISMS_ASSIGN(d.mappings, mapping_views(tx.get(), std::move(mappings)));
  if (p.has("documents:read")) {
    ISMS_ASSIGN(std::vector<PublishedCitation> cited,
                tx->list_published_citations(read_scope(p), framework_id));
    for (auto& c : cited) {
      if (c.ref_id == ref_id) d.citations.push_back(std::move(c));
    }
  }
  return d;
}

Result<std::vector<Requirement>> CatalogueService::search(const Principal& p, const std::string& q,
                                                          const std::string& framework_id,
                                                          int limit) const {
  ISMS_TRY(admin::require_permission(p, "catalogue:read"));
  if (q.empty() || q.size() > kMaxSearchBytes) {
    return Error::invalid("q", "must be 1 to 4000 bytes");
  }
  if (limit < 1 || limit > 500) return Error::invalid("limit", "must be 1 to 500");
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  if (!framework_id.empty()) ISMS_TRY(find_framework(tx.get(), framework_id));
  return tx->search_requirements(q, framework_id, limit);
}

Result<std::vector<MappingView>> CatalogueService::mappings(const Principal& p,
                                                            const std::string& framework_id,
                                                            const std::string& ref_id) const {
  ISMS_TRY(admin::require_permission(p, "catalogue:read"));
  if (framework_id.empty() && !ref_id.empty()) {
    return Error::invalid("framework", "is required with ref");
  }
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  std::vector<RequirementMapping> all;
  if (!framework_id.empty()) {
    ISMS_TRY(find_framework(tx.get(), framework_id));
    ISMS_ASSIGN(all, tx->list_mappings(framework_id, ref_id));
  } else {
    ISMS_ASSIGN(std::vector<Framework> frameworks, tx->list_frameworks());
    for (const Framework& f : frameworks) {
      ISMS_ASSIGN(std::vector<RequirementMapping> some, tx->list_mappings(f.id, ""));
      all.insert(all.end(), some.begin(), some.end());
    }
    std::sort(all.begin(), all.end(), mapping_less);
    all.erase(std::unique(all.begin(), all.end(),
                          [](const auto& a, const auto& b) {
                            return mapping_tuple(a) == mapping_tuple(b);
                          }),
              all.end());
  }
  return mapping_views(tx.get(), std::move(all));
}

Result<CatalogueImportResult> CatalogueService::import_library(
    const Principal& p, const std::string& format, const std::string& bytes,
    const std::string& framework_id) const {
  ISMS_TRY(admin::require_permission(p, "catalogue:manage"));
  if (bytes.size() > kMaxLibraryBytes) {
    return Error::too_large("a library may have at most 16 MiB");
  }
  Result<CatalogueLibrary> library = Error::invalid("format", "must be ciso-assistant or oscal");
  if (format == "ciso-assistant") {
    if (!framework_id.empty()) {
      return Error::invalid("framework", "is only for OSCAL: CISO Assistant libraries name it");
    }
    library = read_ciso_assistant_library(bytes);
  } else if (format == "oscal") {
    library = read_oscal_catalog(bytes, framework_id);
  }
  if (!library) {
    // A file that is not YAML or JSON at all is as invalid as one with wrong content.
    if (library.error().code == ErrorCode::kMalformed) {
      return Error::invalid("file", library.error().message);
    }
    return std::move(library).error();
  }
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  CatalogueImportResult result;
  ISMS_TRY(apply_library(ctx_, tx.get(), std::move(*library), false, &result));
  // The same library again changes nothing: no ledger entry, nothing to commit.
  if (!import_changed(result)) return result;
  LedgerRecorder ledger(ctx_, tx.get(), actor_of(p));
  ISMS_TRY(ledger.record("catalogue.import", "catalogue", ledger_object_id(result),
                         import_ledger_record(format, result, sha256_hex(bytes))));
  ISMS_TRY(ledger.finish());
  ISMS_TRY(tx->commit());
  return result;
}

Result<std::string> CatalogueService::export_oscal(const Principal& p,
                                                   const std::string& framework_id) const {
  ISMS_TRY(admin::require_permission(p, "catalogue:read"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ISMS_ASSIGN(Framework f, find_framework(tx.get(), framework_id));
  ISMS_ASSIGN(std::vector<Requirement> reqs, tx->list_requirements(framework_id));
  return write_oscal_catalog(f, reqs);
}

Result<CitationScan> CatalogueService::scan(const Principal& p, const std::string& text) const {
  ISMS_TRY(admin::require_permission(p, "catalogue:read"));
  if (text.size() > kMaxScanBytes) return Error::too_large("text may have at most 2 MiB");
  if (!is_valid_utf8(text)) return Error::invalid("text", "must be valid UTF-8");
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ISMS_ASSIGN(CatalogueSnapshot snapshot, load_catalogue_snapshot(tx.get()));
  return scan_citations(text, snapshot);
}

}  // namespace isms
