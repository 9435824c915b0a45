// ServiceContext: what every use case needs, owned by the program's wiring (main/serve)
// and outliving every service. Actor: who performs a use case; recorded in the ledger.
#pragma once

#include <string>

#include "base/content_cipher.h"
#include "base/time.h"
#include "domain/access.h"
#include "ledger/signer.h"
#include "store/store.h"

namespace isms {

struct ServiceContext {
  Store* store;
  const Clock* clock;
  const ledger::Signer* signer;
  // Seals content of confidential and customer_data objects and TOTP secrets at rest.
  const ContentKeyring* keyring;
};

struct Actor {
  std::string id;  // "cli:<os user>", "user:<id>", "user:<id>/token:<id>", "system"
};

inline Actor actor_of(const Principal& p) { return Actor{p.actor}; }

}  // namespace isms
