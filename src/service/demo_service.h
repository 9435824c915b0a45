// DemoService: loads a realistic demo organization (people with roles, a few dozen IT
// systems with owners, classifications and dependencies) in one transaction, through the
// same rules and ledger as user changes. Later capabilities extend the same demo.
#pragma once

#include "service/context.h"

namespace isms {

struct DemoResult {
  int persons = 0;
  int assets = 0;
};

class DemoService {
 public:
  explicit DemoService(const ServiceContext& ctx) : ctx_(ctx) {}
  // kConflict when the registry already holds assets (the demo is for an empty start).
  // The loader's person (if any) is authorized on the demo's customer_data assets.
  Result<DemoResult> load(const Principal& loader) const;

 private:
  const ServiceContext& ctx_;
};

}  // namespace isms
