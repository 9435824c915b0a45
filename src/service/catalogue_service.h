// CatalogueService: the requirements catalogue (docs/api.md "Catalogue"): built-in
// frameworks loaded with the organization (and on upgrade), imports of CISO Assistant
// libraries and OSCAL catalogs, OSCAL export, browsing, search and mappings.
// Reads need "catalogue:read"; imports "catalogue:manage". Thread-safe.
#pragma once

#include <string>
#include <unordered_set>
#include <vector>

#include "domain/access.h"
#include "domain/catalogue.h"
#include "domain/citation.h"
#include "service/context.h"
#include "service/ledger_recorder.h"
#include "store/store.h"

namespace isms {

struct CatalogueImportResult {
  std::vector<std::string> framework_ids;  // frameworks created or updated
  int frameworks_created = 0;
  int frameworks_updated = 0;
  int requirements_added = 0;
  int requirements_changed = 0;
  int requirements_removed = 0;
  int mappings = 0;  // mappings stored by this import
  std::vector<std::string> warnings;
};

// A mapping with the titles of its two ends ("" when an end is not in the catalogue).
struct MappingView {
  RequirementMapping mapping;
  std::string source_title;
  std::string target_title;
};

// A requirement with its neighbours, for the detail view.
struct RequirementDetail {
  Requirement requirement;
  std::vector<Requirement> ancestors;  // root first
  std::vector<Requirement> children;
  std::vector<MappingView> mappings;  // both directions
  // Sections of published documents citing it that p may read (empty without
  // "documents:read").
  std::vector<PublishedCitation> citations;
};

// The catalogue as CatalogueIndex, read once (cheap: ~2,000 ids); what the citation
// parser consults.
class CatalogueSnapshot final : public CatalogueIndex {
 public:
  bool has_framework(std::string_view framework_id) const override;
  bool has_requirement(std::string_view framework_id, std::string_view ref_id) const override;
  std::vector<std::string> ref_ids(std::string_view framework_id) const override;
  // framework id -> ref ids in position order
  std::vector<std::pair<std::string, std::vector<std::string>>> frameworks;
  // requirement_key of every requirement (filled by load_catalogue_snapshot; when empty,
  // has_requirement searches `frameworks`).
  std::unordered_set<std::string> keys;
};
Result<CatalogueSnapshot> load_catalogue_snapshot(StoreTx* tx);

class CatalogueService {
 public:
  explicit CatalogueService(const ServiceContext& ctx) : ctx_(ctx) {}

  // Stores builtin_catalogue() when absent or older (idempotent; the built-in frameworks'
  // content is compared, and only changes are written), in the caller's transaction.
  // Called by organization creation and on server start. Ledger: "catalogue.import"
  // with counts, only when something changed.
  static Status ensure_builtin(const ServiceContext& ctx, StoreTx* tx, LedgerRecorder* ledger);

  Result<std::vector<Framework>> frameworks(const Principal& p) const;
  Result<Framework> framework(const Principal& p, const std::string& id) const;
  Result<std::vector<Requirement>> requirements(const Principal& p,
                                                const std::string& framework_id) const;
  Result<RequirementDetail> requirement(const Principal& p, const std::string& framework_id,
                                        const std::string& ref_id) const;
  Result<std::vector<Requirement>> search(const Principal& p, const std::string& q,
                                          const std::string& framework_id, int limit) const;
  // Mappings touching the framework (ref_id "" = all of it) or one requirement.
  Result<std::vector<MappingView>> mappings(const Principal& p, const std::string& framework_id,
                                            const std::string& ref_id) const;

  // format: "ciso-assistant" (YAML) or "oscal" (JSON); framework_id only for OSCAL
  // ("" = from the title). One transaction; the same library twice changes nothing the
  // second time; a newer version updates in place. Ledger: "catalogue.import".
  Result<CatalogueImportResult> import_library(const Principal& p, const std::string& format,
                                               const std::string& bytes,
                                               const std::string& framework_id) const;
  // OSCAL catalog JSON of one framework.
  Result<std::string> export_oscal(const Principal& p, const std::string& framework_id) const;

  // Citations in free text (the editor's live check); catalogue:read.
  Result<CitationScan> scan(const Principal& p, const std::string& text) const;

 private:
  const ServiceContext& ctx_;
};

}  // namespace isms
