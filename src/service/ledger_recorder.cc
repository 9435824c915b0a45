#include "service/ledger_recorder.h"

#include "ledger/canonical_json.h"
#include "ledger/entry.h"

namespace isms {

LedgerRecorder::LedgerRecorder(const ServiceContext& ctx, StoreTx* tx, Actor actor)
    : ctx_(ctx), tx_(tx), actor_(std::move(actor)) {}

Status LedgerRecorder::record(const std::string& action, const std::string& object_type,
                              const std::string& object_id, const Json& change) {
  if (!head_loaded_) {
    // In a write transaction the head cannot move under us: writers are serialized.
    ISMS_ASSIGN(head_, tx_->ledger_head());
    head_loaded_ = true;
  }
  ledger::Entry e;
  e.seq = head_.seq + 1;
  e.at = ctx_.clock->now_utc();
  e.actor = actor_.id;
  e.action = action;
  e.object_type = object_type;
  e.object_id = object_id;
  ISMS_ASSIGN(e.change, ledger::try_canonical_json(change));
  e.prev_hash = head_.hash;
  e.hash = ledger::compute_hash(e);
  ISMS_TRY(tx_->append_ledger(e));
  head_.seq = e.seq;
  head_.hash = e.hash;
  return ok_status();
}

Status LedgerRecorder::finish() {
  if (!head_loaded_ || head_.seq == 0) return ok_status();
  ISMS_ASSIGN(auto last, tx_->last_checkpoint());
  int64_t now = ctx_.clock->now_micros();
  bool due = !last.has_value() || head_.seq - last->seq >= kCheckpointEvery;
  if (!due) {
    int64_t last_at = 0;
    due = !parse_utc_micros(last->at, &last_at) || now - last_at >= kCheckpointMaxAgeMicros;
  }
  if (!due) return ok_status();
  ledger::Checkpoint cp;
  cp.seq = head_.seq;
  cp.hash = head_.hash;
  cp.at = format_utc_micros(now);
  ctx_.signer->sign(&cp);
  return tx_->insert_checkpoint(cp);
}

}  // namespace isms
