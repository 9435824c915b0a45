// The demo organization's data: people and IT systems of a small European cloud-platform
// company, written for isms. Used by DemoService only.
#pragma once

#include <string_view>
#include <vector>

namespace isms::demo {

struct DemoPerson {
  std::string_view name, email, job_title, role_key;
};

struct DemoAsset {
  std::string_view name, type, description, owner_email, business_function, classification;
  int c, i, a, au;  // required levels: confidentiality, integrity, availability, authenticity
  std::string_view lifecycle_status;
  std::vector<std::string_view> depends_on;  // names of assets listed earlier
};

const std::vector<DemoPerson>& persons();
const std::vector<DemoAsset>& assets();

}  // namespace isms::demo
