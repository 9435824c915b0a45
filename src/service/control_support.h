// What ControlService's two files (control_service.cc: controls; control_evidence.cc:
// evidence) share: the read rule for controls, sealing of confidential descriptions and
// evidence blobs, and the control's ledger form. Internal to the service layer.
#pragma once

#include <string>

#include "domain/control.h"
#include "service/context.h"

namespace isms::control_detail {

// Today (YYYY-MM-DD, UTC) by the context's clock.
std::string today(const ServiceContext& ctx);

// Confidential controls: description sealed at rest, evidence files stored sealed,
// each single read recorded.
bool is_sealed(Classification c);
// The form to store / the readable form (kCorruption when the sealed value does not open).
Control to_stored(const ServiceContext& ctx, Control c);
Result<Control> from_stored(const ServiceContext& ctx, Control c);
// The associated data an evidence blob is sealed under ("evidence_blobs/content/<sha256>").
std::string blob_place(const std::string& sha256);

// The read rule (domain/access.h) for a control: public/internal for controls:read;
// confidential also needs confidential:read or owning it.
bool may_read(const Principal& p, const Control& c);
Error not_found(const std::string& control_id);

// The stored control for a reader: kForbidden without controls:read, kNotFound when
// unknown or not readable (same message).
Result<Control> load_readable(StoreTx& tx, const Principal& p, const std::string& id,
                              const std::string& today);
// And changeable: kForbidden without controls:write (after the read rule, so an
// unreadable control stays kNotFound).
Result<Control> load_writable(StoreTx& tx, const Principal& p, const std::string& id,
                              const std::string& today);

// The ledger form: the wire form without joined and derived fields; a sealed description
// is kept as its SHA-256 only.
Json control_ledger_record(const Control& c);

}  // namespace isms::control_detail
