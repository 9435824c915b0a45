// RiskService: the heat maps, the dashboard summary and the register export.
#include <map>

#include "render/risk_soa_export.h"
#include "service/admin_common.h"
#include "service/risk_service.h"
#include "service/risk_support.h"

namespace isms {

using namespace risk_internal;

namespace {

constexpr int kTopOwners = 10;
constexpr int kTopRisks = 10;

// Cells of risks rated under `current` on its grid; the rest only counted. `raw` (optional)
// receives the store's cells of every method.
Result<HeatMap> build_heat_map(StoreTx& tx, const RiskMethod& current, bool residual,
                               std::vector<RiskHeatCell>* raw = nullptr) {
  HeatMap h;
  h.method = current;
  h.residual = residual;
  h.counts.assign(current.likelihood.size(), std::vector<int64_t>(current.impact.size(), 0));
  ISMS_ASSIGN(std::vector<RiskHeatCell> cells, tx.risk_heat_map(residual));
  if (raw != nullptr) *raw = cells;
  for (const RiskHeatCell& c : cells) {
    h.total += c.count;
    bool on_grid = c.method_number == current.number && c.likelihood >= 1 &&
                   static_cast<size_t>(c.likelihood) <= current.likelihood.size() &&
                   c.impact >= 1 && static_cast<size_t>(c.impact) <= current.impact.size();
    if (on_grid) {
      h.counts[static_cast<size_t>(c.likelihood - 1)][static_cast<size_t>(c.impact - 1)] += c.count;
    } else {
      h.rated_under_old_methods += c.count;
    }
  }
  return h;
}

std::string flags_text(const RiskFlags& f) {
  std::string out;
  auto add = [&](bool on, const char* text) {
    if (!on) return;
    if (!out.empty()) out += "; ";
    out += text;
  };
  add(f.above_appetite, "above appetite");
  add(f.needs_acceptance, "needs acceptance");
  add(f.acceptance_expired, "acceptance expired");
  add(f.residual_above_inherent, "residual above inherent");
  add(f.mitigation_without_controls, "mitigation without controls");
  add(f.review_overdue, "review overdue");
  add(f.rated_under_old_method, "rated under an old method");
  return out;
}

// Names by id, each looked up once.
class NameCache {
 public:
  NameCache(StoreTx& tx, std::string day) : tx_(tx), day_(std::move(day)) {}

  Result<std::string> asset(const std::string& id) {
    auto it = assets_.find(id);
    if (it != assets_.end()) return it->second;
    auto a = tx_.get_asset(id);
    if (auto e = admin::unless_not_found(a)) return *e;
    std::string name = a ? a->name : id;
    assets_.emplace(id, name);
    return name;
  }
  Result<std::string> control(const std::string& id) {
    auto it = controls_.find(id);
    if (it != controls_.end()) return it->second;
    auto c = tx_.get_control(id, day_);
    if (auto e = admin::unless_not_found(c)) return *e;
    std::string ref = c ? c->ref : id;
    controls_.emplace(id, ref);
    return ref;
  }

 private:
  StoreTx& tx_;
  std::string day_;
  std::map<std::string, std::string> assets_, controls_;
};

}  // namespace

Result<HeatMap> RiskService::heat_map(const Principal& p, bool residual) const {
  ISMS_TRY(admin::require_permission(p, "risks:read"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ISMS_ASSIGN(RiskMethod current, risk_internal::current_method(*tx));
  return build_heat_map(*tx, current, residual);
}

Result<RiskSummary> RiskService::summary(const Principal& p) const {
  ISMS_TRY(admin::require_permission(p, "risks:read"));
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ISMS_ASSIGN(RiskMethod current, risk_internal::current_method(*tx));
  RiskSummary s;
  MethodCache methods(*tx);
  methods.put(current);
  std::vector<RiskHeatCell> residual_cells;
  ISMS_ASSIGN(s.inherent, build_heat_map(*tx, current, false));
  ISMS_ASSIGN(s.residual, build_heat_map(*tx, current, true, &residual_cells));

  // Above the appetite, as the list filter counts it (stored residual level > the current
  // appetite), from the residual cells: each cell's level under the method it was rated
  // with. A count query over the register costs a full scan (docs/performance.md).
  for (const RiskHeatCell& c : residual_cells) {
    ISMS_ASSIGN(const RiskMethod* m, methods.get(c.method_number));
    bool on_grid = c.likelihood >= 1 && static_cast<size_t>(c.likelihood) <= m->likelihood.size() &&
                   c.impact >= 1 && static_cast<size_t>(c.impact) <= m->impact.size();
    if (on_grid && risk_level_rank(*m, c.likelihood, c.impact) > current.appetite_rank) {
      s.above_appetite += c.count;
    }
  }

  ISMS_ASSIGN(s.top_owners, tx->risk_owner_summary(current.appetite_rank, kTopOwners));

  RiskQuery top;
  top.sort = RiskSort::kResidualLevel;
  top.descending = true;
  top.limit = kTopRisks;
  ISMS_ASSIGN(RiskPage top_page, tx->list_risks(top));
  std::string day = today(ctx_);
  for (Risk& r : top_page.items) {
    ISMS_ASSIGN(RiskView v, view_of(methods, std::move(r), current.number, day));
    s.top_risks.push_back(std::move(v));
  }
  return s;
}

Result<RiskService::RegisterFile> RiskService::export_register(const Principal& p,
                                                               RegisterFormat format) const {
  ISMS_TRY(admin::require_permission(p, "risks:read"));
  RiskRegisterDocument doc;
  {
    ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
    ISMS_ASSIGN(auto org, tx->get_organization());
    if (org) doc.organization_name = org->name;
    ISMS_ASSIGN(doc.method, risk_internal::current_method(*tx));
    doc.generated_at = ctx_.clock->now_utc();
    std::string day = today(ctx_);
    MethodCache methods(*tx);
    methods.put(doc.method);
    NameCache names(*tx, day);
    ISMS_TRY(for_each_active_risk(*tx, [&](Risk& r) -> Status {
      RiskRow row;
      for (const auto& id : r.asset_ids) {
        ISMS_ASSIGN(std::string name, names.asset(id));
        row.asset_names.push_back(std::move(name));
      }
      for (const auto& id : r.control_ids) {
        ISMS_ASSIGN(std::string ref, names.control(id));
        row.control_refs.push_back(std::move(ref));
      }
      row.owner_name = r.owner_name.value_or("");
      ISMS_ASSIGN(RiskView v, view_of(methods, std::move(r), doc.method.number, day));
      row.flags = flags_text(v.flags);
      row.risk = std::move(v.risk);
      doc.risks.push_back(std::move(row));
      return ok_status();
    }));
    ISMS_ASSIGN(HeatMap inherent, build_heat_map(*tx, doc.method, false));
    ISMS_ASSIGN(HeatMap residual, build_heat_map(*tx, doc.method, true));
    doc.inherent_counts = std::move(inherent.counts);
    doc.residual_counts = std::move(residual.counts);
  }
  RegisterFile file;
  if (format == RegisterFormat::kXlsx) {
    ISMS_ASSIGN(file.bytes, risk_register_xlsx(doc));
    file.file_name = "risk-register.xlsx";
    file.media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  } else {
    ISMS_ASSIGN(file.bytes, risk_register_pdf(doc));
    file.file_name = "risk-register.pdf";
    file.media_type = "application/pdf";
  }
  return file;
}

}  // namespace isms
