#include "seeder.h"

#include <algorithm>
#include <iostream>

#include "domain/catalogue.h"
#include "ledger/entry.h"
#include "service/asset_content.h"
#include "service/control_support.h"
#include "service/ledger_recorder.h"
#include "service/risk_support.h"
#include "service/soa_service.h"
#include "service/traceability_service.h"

namespace isms::bench {

namespace {

// Prints a progress line about every `every` objects, on stderr so stdout stays the summary.
void progress(const char* what, int64_t done, int64_t total, int64_t every) {
  if (done % every == 0 || done == total) {
    std::cerr << "  " << what << " " << done << " / " << total << "\n";
  }
}

}  // namespace

Seeder::Seeder(const ServiceContext& ctx, Generator* generator, Actor actor, int batch)
    : ctx_(ctx), generator_(generator), actor_(std::move(actor)), batch_(batch) {}

Status Seeder::load_existing() {
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ISMS_ASSIGN(auto persons, tx->list_persons());
  owner_ids_.clear();
  for (const auto& p : persons) {
    // The administrator is a technical account, not an asset owner.
    if (p.email != "admin@localhost") owner_ids_.push_back(p.id);
  }
  // Page through every asset by the list API's keyset pagination; 100k ids are ~4 MB.
  asset_ids_.clear();
  AssetQuery query;
  query.archived = ArchivedFilter::kAll;
  query.sort = AssetSort::kCreatedAt;
  query.limit = 500;
  query.scope.all = true;  // every asset, confidential and customer_data included
  while (true) {
    ISMS_ASSIGN(AssetPage page, tx->list_assets(query));
    for (const auto& a : page.items) asset_ids_.push_back(a.id);
    if (!page.next) break;
    query.after = page.next;
  }
  return ok_status();
}

Result<int64_t> Seeder::ensure_persons(int count) {
  const int missing = count - static_cast<int>(owner_ids_.size());
  if (missing <= 0) return 0;
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  ISMS_ASSIGN(auto roles, tx->list_roles());
  std::string employee, ciso;
  for (const auto& r : roles) {
    if (r.key == "employee") employee = r.id;
    if (r.key == "ciso") ciso = r.id;
  }
  LedgerRecorder ledger(ctx_, tx.get(), actor_);
  const int first = static_cast<int>(owner_ids_.size());
  for (int i = first; i < count; ++i) {
    std::vector<std::string> role_ids;
    if (!employee.empty()) role_ids.push_back(employee);
    if (i == 0 && !ciso.empty()) role_ids.push_back(ciso);
    Person p = generator_->person(i, std::move(role_ids));
    ISMS_TRY(tx->insert_person(p));
    ISMS_TRY(ledger.record("person.create", "person", p.id, person_to_json(p)));
    owner_ids_.push_back(p.id);
  }
  ISMS_TRY(ledger.finish());
  ISMS_TRY(tx->commit());
  return missing;
}

Status Seeder::write_asset_batch(int64_t first_number, int64_t n) {
  ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
  LedgerRecorder ledger(ctx_, tx.get(), actor_);
  for (int64_t k = 0; k < n; ++k) {
    Asset asset = generator_->asset(first_number + k, owner_ids_, asset_ids_);
    auto errors = validate_asset(asset);
    if (!errors.empty()) {
      return Error::internal("generated asset is invalid: " + errors.front().field + ": " +
                             errors.front().message);
    }
    // As AssetService::create does: confidential content is stored sealed.
    ISMS_TRY(tx->insert_asset(to_stored_asset(ctx_, asset)));
    ISMS_TRY(ledger.record("asset.create", "asset", asset.id, asset_ledger_record(asset)));
    if (generator_->should_archive()) {
      // As AssetService::archive does: a new version and an asset.archive entry.
      Asset after = asset;
      after.archived_at = after.updated_at;
      after.archive_reason = generator_->archive_reason();
      after.version = asset.version + 1;
      ISMS_TRY(tx->update_asset(to_stored_asset(ctx_, after), asset.version));
      ISMS_TRY(ledger.record("asset.archive", "asset", asset.id, asset_diff(asset, after, "")));
    }
    asset_ids_.push_back(asset.id);
  }
  ISMS_TRY(ledger.finish());
  return tx->commit();
}

Result<int64_t> Seeder::ensure_assets(int64_t count) {
  const int64_t start = static_cast<int64_t>(asset_ids_.size());
  for (int64_t done = start; done < count;) {
    const int64_t n = std::min<int64_t>(batch_, count - done);
    ISMS_TRY(write_asset_batch(done + 1, n));
    done += n;
    progress("assets", done, count, 10000);
  }
  return std::max<int64_t>(0, count - start);
}

Result<int64_t> Seeder::ensure_ledger_entries(int64_t count) {
  if (asset_ids_.empty()) return Error::invalid("assets", "seed assets before ledger entries");
  int64_t head = 0;
  {
    ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
    ISMS_ASSIGN(LedgerHead h, tx->ledger_head());
    head = h.seq;
  }
  const int64_t start = head;
  while (head < count) {
    const int64_t n = std::min<int64_t>(batch_, count - head);
    ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
    LedgerRecorder ledger(ctx_, tx.get(), actor_);
    for (int64_t k = 0; k < n; ++k) {
      const std::string& id = asset_ids_[(head + k) * 7919 % asset_ids_.size()];
      Json change = generator_->asset_update_change(owner_ids_);
      change_bytes_ += static_cast<int64_t>(ledger::canonical_json(change).size());
      ISMS_TRY(ledger.record("asset.update", "asset", id, change));
    }
    ISMS_TRY(ledger.finish());
    ISMS_TRY(tx->commit());
    head += n;
    progress("ledger entries", head, count, 100000);
  }
  return head - start;
}

Status Seeder::load_control_ids() {
  if (controls_loaded_) return ok_status();
  ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
  ControlQuery query;
  query.archived = ArchivedFilter::kAll;
  query.include_confidential = true;
  query.limit = 500;
  const std::string today = ctx_.clock->now_utc().substr(0, 10);
  control_ids_.clear();
  while (true) {
    ISMS_ASSIGN(ControlPage page, tx->list_controls(query, today));
    for (const auto& c : page.items) control_ids_.push_back(c.id);
    if (!page.next) break;
    query.after = page.next;
  }
  controls_loaded_ = true;
  return ok_status();
}

namespace {

// The ledger form of an evidence link, as ControlService::add_link records "evidence.add".
Json evidence_link_record(const Evidence& e) {
  return Json{{"control_id", e.control_id},
              {"kind", evidence_kind_name(e.kind)},
              {"title", e.title},
              {"valid_from", e.valid_from},
              {"valid_until", e.valid_until ? Json(*e.valid_until) : Json(nullptr)},
              {"url", e.url}};
}

}  // namespace

Result<int64_t> Seeder::ensure_controls(int64_t count) {
  ISMS_TRY(load_control_ids());
  const int64_t start = static_cast<int64_t>(control_ids_.size());
  if (start >= count) return 0;
  std::vector<std::string> annex_keys;
  {
    ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
    // The SoA's lines: every Annex A control (93 for the built-in catalogue).
    ISMS_ASSIGN(auto requirements, scope_requirements(tx.get(), std::string(kIso27001Id)));
    for (const auto& r : requirements) annex_keys.push_back(requirement_key(kIso27001Id, r.ref_id));
  }
  if (annex_keys.empty()) return Error::invalid("catalogue", "no Annex A requirements to name");
  for (int64_t done = start; done < count;) {
    const int64_t n = std::min<int64_t>(batch_, count - done);
    ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
    LedgerRecorder ledger(ctx_, tx.get(), actor_);
    for (int64_t k = 0; k < n; ++k) {
      Control c = generator_->control(done + k + 1, owner_ids_, annex_keys);
      auto errors = validate_control(c);
      if (!errors.empty()) {
        return Error::internal("generated control is invalid: " + errors.front().field + ": " +
                               errors.front().message);
      }
      // As ControlService::create does: a confidential description is stored sealed.
      Control stored = control_detail::to_stored(ctx_, c);
      ISMS_TRY(tx->insert_control(&stored));
      c.ref = stored.ref;
      ISMS_TRY(ledger.record("control.create", "control", c.id,
                             control_detail::control_ledger_record(c)));
      for (const Evidence& e : generator_->evidence_links(c, actor_.id)) {
        auto evidence_errors = validate_evidence(e);
        if (!evidence_errors.empty()) {
          return Error::internal("generated evidence is invalid: " + evidence_errors.front().field +
                                 ": " + evidence_errors.front().message);
        }
        ISMS_TRY(tx->insert_evidence(e));
        ISMS_TRY(ledger.record("evidence.add", "evidence", e.id, evidence_link_record(e)));
        ++evidence_;
      }
      control_ids_.push_back(c.id);
    }
    ISMS_TRY(ledger.finish());
    ISMS_TRY(tx->commit());
    done += n;
    progress("controls", done, count, 1000);
  }
  return count - start;
}

Result<int64_t> Seeder::ensure_risks(int64_t count) {
  if (asset_ids_.empty()) return Error::invalid("assets", "seed assets before risks");
  ISMS_TRY(load_control_ids());
  int64_t start = 0;
  RiskMethod method;
  std::vector<RiskSource> threats, vulnerabilities;
  {
    ISMS_ASSIGN(auto tx, ctx_.store->begin_read());
    RiskQuery all;
    all.archived = ArchivedFilter::kAll;
    all.limit = 1;
    all.with_total = true;
    ISMS_ASSIGN(RiskPage page, tx->list_risks(all));
    start = page.total.value_or(0);
    ISMS_ASSIGN(method, risk_internal::current_method(*tx));
    ISMS_ASSIGN(threats,
                tx->list_risk_sources(RiskSourceKind::kThreat, ArchivedFilter::kActiveOnly));
    ISMS_ASSIGN(vulnerabilities,
                tx->list_risk_sources(RiskSourceKind::kVulnerability, ArchivedFilter::kActiveOnly));
  }
  if (start >= count) return 0;
  if (threats.empty() || vulnerabilities.empty()) {
    return Error::invalid("risk_sources", "no threats or vulnerabilities (initialize first)");
  }
  Generator::RiskInputs in{&method,  &owner_ids_,      &asset_ids_,
                           &threats, &vulnerabilities, &control_ids_};
  for (int64_t done = start; done < count;) {
    const int64_t n = std::min<int64_t>(batch_, count - done);
    ISMS_ASSIGN(auto tx, ctx_.store->begin_write());
    LedgerRecorder ledger(ctx_, tx.get(), actor_);
    for (int64_t k = 0; k < n; ++k) {
      Risk r = generator_->risk(done + k + 1, in);
      auto errors = validate_risk(r, method);
      if (!errors.empty()) {
        return Error::internal("generated risk is invalid: " + errors.front().field + ": " +
                               errors.front().message);
      }
      ISMS_TRY(tx->insert_risk(&r));
      ISMS_TRY(ledger.record("risk.create", "risk", r.id, risk_internal::risk_ledger_record(r)));
      if (generator_->should_archive_risk()) {
        // As RiskService::archive does: a new version and a risk.archive entry.
        Risk after = r;
        after.archived_at = after.updated_at;
        after.archive_reason = generator_->archive_reason();
        after.version = r.version + 1;
        ISMS_TRY(tx->update_risk(after, r.version));
        ISMS_TRY(ledger.record("risk.archive", "risk", r.id, risk_internal::risk_diff(r, after)));
      }
    }
    ISMS_TRY(ledger.finish());
    ISMS_TRY(tx->commit());
    done += n;
    progress("risks", done, count, 10000);
  }
  return count - start;
}

Result<int64_t> Seeder::ensure_soa_decisions() {
  SoaService soa(ctx_);
  const Principal op = operator_principal(actor_.id);
  ISMS_ASSIGN(SoaWorkingCopy working, soa.working_copy(op, {}));
  int64_t decided = 0;
  for (const Applicability& line : working.lines) {
    if (line.version != 0) continue;
    ISMS_TRY(soa.update_line(op, line.framework_id, line.ref_id, generator_->soa_decision()));
    ++decided;
  }
  return decided;
}

}  // namespace isms::bench
