// Defaults of running the ISMS, created with the organization and on every start (serve
// runs initialize), idempotent by each default's key so upgrades add new ones and never
// duplicate or overwrite what users changed: the policy's calendar of recurring activities
// (service/calendar_defaults.cc) and its six information security objectives
// (service/objective_defaults.cc). Each records its own ledger entries.
#pragma once

#include "base/error.h"
#include "service/context.h"
#include "service/ledger_recorder.h"
#include "store/store.h"

namespace isms {

Status ensure_default_calendar(const ServiceContext& ctx, StoreTx* tx, LedgerRecorder* ledger);
Status ensure_default_objectives(const ServiceContext& ctx, StoreTx* tx, LedgerRecorder* ledger);

}  // namespace isms
