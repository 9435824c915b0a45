// PLACEHOLDER until the calendar module lands: replaced by its implementation.
#include "service/calendar_agenda.h"

namespace isms {

Result<std::vector<AgendaItem>> calendar_agenda(const ServiceContext& ctx, const Principal& p,
                                                const AgendaQuery& query) {
  (void)ctx;
  (void)p;
  (void)query;
  return std::vector<AgendaItem>{};
}

}  // namespace isms
