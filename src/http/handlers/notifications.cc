// Routes of issue 6 (notifications); filled in by the module's work.
#include "http/handlers/routes.h"

namespace isms::http {

void add_notification_routes(Router& router, const ServiceContext& ctx, const CachedGet& cached) {
  (void)router;
  (void)ctx;
  (void)cached;
}

}  // namespace isms::http
