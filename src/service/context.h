// ServiceContext: what every use case needs, owned by the program's wiring (main/serve)
// and outliving every service. Actor: who performs a use case; recorded in the ledger.
#pragma once

#include <string>

#include "base/time.h"
#include "ledger/signer.h"
#include "store/store.h"

namespace isms {

struct ServiceContext {
  Store* store;
  const Clock* clock;
  const ledger::Signer* signer;
};

struct Actor {
  std::string id;  // "cli:<os user>", "http:<remote address>", "system", later "user:<id>"
};

}  // namespace isms
