#include "service/management_review_service.h"

#include <gtest/gtest.h>

#include "service/access_test_support.h"

namespace isms {
namespace {

class ManagementReviewServiceTest : public testing::AccessFixture {
 protected:
  ManagementReviewService reviews() const { return ManagementReviewService(ctx_); }

  // A record of another module, written the way store/README.md describes it.
  std::string seed(const std::string& kind, const std::string& ref, const std::string& status,
                   const Json& body, const std::string& parent = "", const std::string& due = "",
                   const std::string& owner = "") {
    auto tx = store_->begin_write();
    EXPECT_TRUE(tx);
    OpRecord r;
    r.kind = kind;
    r.id = new_id();
    r.ref = ref;
    r.parent_id = parent;
    r.status = status;
    r.owner_id = owner;
    r.due_at = due;
    r.body = body.dump();
    r.created_at = r.updated_at = clock_.now_utc();
    Status inserted = (*tx)->insert_op_record(r);
    EXPECT_TRUE(inserted.ok()) << inserted.error().message;
    EXPECT_TRUE((*tx)->commit().ok());
    return r.id;
  }

  static const ReviewInput& input(const ReviewView& v, const std::string& key) {
    for (const ReviewInput& in : v.review.inputs) {
      if (in.key == key) return in;
    }
    static ReviewInput none;
    ADD_FAILURE() << "no input " << key;
    return none;
  }
  static std::string fact(const ReviewInput& in, const std::string& label) {
    for (const InputFact& f : in.facts) {
      if (f.label.rfind(label, 0) == 0) return f.value;
    }
    return "<none>";
  }
  static bool has_cell(const ReviewInput& in, const std::string& text) {
    for (const InputTable& t : in.tables) {
      for (const auto& row : t.rows) {
        for (const auto& c : row) {
          if (c == text) return true;
        }
      }
    }
    return false;
  }

  ReviewView create(const std::string& chair) {
    ReviewFields f;
    f.title = "Management review 2026";
    f.planned_on = "2026-12-01";
    f.chair_id = chair;
    auto v = reviews().create(op(), f);
    EXPECT_TRUE(v) << v.error().message;
    return v ? *v : ReviewView{};
  }
};

TEST_F(ManagementReviewServiceTest, EmptyRegistersGiveNotesNotErrors) {
  Person chair = person("Chair", {"ceo"});
  ReviewView v = create(chair.id);
  EXPECT_EQ(v.review.ref, "MR-0001");
  EXPECT_EQ(v.review.inputs.size(), review_input_specs().size());
  EXPECT_EQ(fact(input(v, "d1"), "Corrective actions open"), "0");
  EXPECT_FALSE(input(v, "d3").notes.empty());
  EXPECT_FALSE(input(v, "incidents").notes.empty());
  EXPECT_EQ(fact(input(v, "f"), "Risks rated"), "0");
}

TEST_F(ManagementReviewServiceTest, AssemblesInputsFromOtherRegisters) {
  Person owner = person("Olivia Owner");
  std::string audit =
      seed("audit", "AUD-0001", "completed",
           Json{{"title", "ISMS audit"}, {"end_on", "2026-10-31"}}, "", "2026-10-31");
  std::string major = seed("finding", "F-0001", "open",
                           Json{{"source", "audit"},
                                {"source_id", audit},
                                {"grade", "major_nonconformity"},
                                {"title", "No backup tests"}},
                           audit, "", owner.id);
  seed("finding", "F-0002", "closed",
       Json{{"source", "audit"}, {"grade", "minor_nonconformity"}, {"title", "Old"}}, audit);
  seed("finding", "F-0003", "open",
       Json{{"source", "self_assessment"}, {"grade", "opportunity"}, {"title", "Automate"}});
  seed("corrective_action", "CA-0001", "open", Json{{"title", "Test restores"}}, major,
       "2000-01-01", owner.id);
  seed("corrective_action", "CA-0002", "verified",
       Json{{"title", "Done"}, {"verified_on", "2026-06-01"}}, major, "2026-05-01");
  // OBJ-91: the organization's default objectives take the first numbers.
  std::string obj = seed("objective", "OBJ-91", "active", Json{{"title", "Patch fast"}}, "",
                         "2099-01-01", owner.id);
  std::string ind = seed(
      "indicator", "IND-0001", "active",
      Json{
          {"name", "Uptime"}, {"unit", "%"}, {"target", "99.5"}, {"direction", "higher_is_better"}},
      obj);
  seed("measurement", "", "", Json{{"value", "99.1"}}, ind, "2026-10-01");
  seed("measurement", "", "", Json{{"value", "99.9"}}, ind, "2026-11-01");
  seed("indicator", "IND-0002", "active",
       Json{{"name", "Phishing clicks"},
            {"target", Json::array({"0", "5"})},
            {"direction", "target_range"}},
       obj);
  seed("incident", "INC-0001", "open",
       Json{{"title", "Ransomware"},
            {"severity", "critical"},
            {"significant", true},
            {"aware_at", clock_.now_utc()}});
  seed("incident", "INC-0002", "closed",
       Json{{"title", "Lost laptop"},
            {"severity", "low"},
            {"significant", false},
            {"aware_at", clock_.now_utc()}});
  seed("exception", "EX-0001", "approved",
       Json{{"title", "Legacy VPN"}, {"expires_on", "2099-01-01"}}, "", "2099-01-01", owner.id);
  seed("exception", "EX-0002", "requested", Json{{"title", "USB sticks"}});
  seed("finding", "F-0004", "open", Json{{"grade", "observation"}});  // minimal body
  seed("incident", "INC-0003", "open", Json::array());                // a body that is no object

  ReviewView v = create(person("Cleo CEO", {"ceo"}).id);
  const ReviewInput& d1 = input(v, "d1");
  EXPECT_TRUE(has_cell(d1, "F-0001"));
  EXPECT_FALSE(has_cell(d1, "F-0002")) << "closed findings are counted, not listed";
  EXPECT_TRUE(has_cell(d1, "open (overdue)"));
  EXPECT_EQ(fact(d1, "Corrective actions open"), "1");
  EXPECT_EQ(fact(d1, "Corrective actions overdue"), "1");
  EXPECT_EQ(fact(d1, "Verified"), "1");
  ASSERT_FALSE(d1.tables.empty());
  EXPECT_EQ(d1.tables[0].rows[0], (std::vector<std::string>{"Major nonconformity", "1", "0", "1"}));

  const ReviewInput& d2 = input(v, "d2");
  ASSERT_EQ(d2.tables.size(), 1u);
  EXPECT_EQ(d2.tables[0].rows[0],
            (std::vector<std::string>{"IND-0001", "Uptime", "OBJ-91", ">= 99.5", "99.9 %",
                                      "2026-11-01", "on target"}));
  EXPECT_EQ(d2.tables[0].rows[1][6], "not measured");
  EXPECT_EQ(fact(d2, "On target"), "1");

  const ReviewInput& d3 = input(v, "d3");
  ASSERT_EQ(d3.tables.size(), 1u);
  EXPECT_EQ(d3.tables[0].rows[0][0], "AUD-0001");
  EXPECT_EQ(d3.tables[0].rows[0][3], "2");  // both findings of the audit
  EXPECT_EQ(d3.tables[0].rows[0][4], "1");  // major

  EXPECT_TRUE(has_cell(input(v, "d4"), "OBJ-91"));
  EXPECT_TRUE(has_cell(input(v, "d4"), "Olivia Owner"));
  EXPECT_TRUE(has_cell(input(v, "g"), "F-0003"));
  const ReviewInput& inc = input(v, "incidents");
  EXPECT_EQ(fact(inc, "Significant incidents"), "1");
  EXPECT_TRUE(has_cell(inc, "INC-0001"));
  EXPECT_EQ(fact(inc, "Not yet resolved"), "2");  // the unreadable body still counts
  const ReviewInput& ex = input(v, "exceptions");
  EXPECT_EQ(fact(ex, "Active exceptions"), "1");
  EXPECT_EQ(fact(ex, "Requests awaiting a decision"), "1");
}

TEST_F(ManagementReviewServiceTest, HoldFreezesApproveNeedsTopManagement) {
  Person ceo_person = person("Cleo CEO", {"ceo"});
  User ciso = user("ciso", {"ciso"});
  User ceo = user("ceo", {"ceo"});
  ReviewView v = create(ceo_person.id);
  ReviewFields f;
  f.version = v.review.version;
  f.actions =
      std::vector<ReviewAction>{{"Restore test", ceo_person.id, "2027-01-31", "open", "", ""}};
  f.comments["e"] = "Customers ask for SOC 2";
  auto updated = reviews().update(principal_of(ciso), v.review.id, f);
  ASSERT_TRUE(updated) << updated.error().message;
  auto held =
      reviews().hold(principal_of(ciso), v.review.id, updated->review.version, std::nullopt);
  ASSERT_TRUE(held) << held.error().message;
  EXPECT_EQ(held->review.status, ReviewStatus::kHeld);
  EXPECT_FALSE(held->review.held_on.empty());

  seed("finding", "F-0100", "open", Json{{"grade", "major_nonconformity"}, {"title", "Late"}});
  auto refreshed = reviews().refresh_inputs(op(), v.review.id, held->review.version);
  ASSERT_FALSE(refreshed);
  EXPECT_EQ(refreshed.error().code, ErrorCode::kConflict);

  auto by_ciso = reviews().approve(principal_of(ciso), v.review.id, held->review.version, {});
  ASSERT_FALSE(by_ciso);
  EXPECT_EQ(by_ciso.error().code, ErrorCode::kForbidden);
  auto stale = reviews().approve(principal_of(ceo), v.review.id, held->review.version - 1, {});
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  auto approved = reviews().approve(principal_of(ceo), v.review.id, held->review.version, {});
  ASSERT_TRUE(approved) << approved.error().message;
  EXPECT_EQ(approved->review.status, ReviewStatus::kApproved);
  EXPECT_EQ(approved->review.approved_by_name, "Person ceo");
  EXPECT_EQ(approved->review.inputs, held->review.inputs);

  ReviewFields late;
  late.version = approved->review.version;
  late.minutes = "changed";
  EXPECT_EQ(reviews().update(op(), v.review.id, late).error().code, ErrorCode::kConflict);
  auto done = reviews().set_action_status(op(), v.review.id, 0, "done", std::nullopt);
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_EQ(done->review.actions[0].status, "done");

  // The operator names the approving person; the next review sees the action done.
  ReviewView next = create(ceo_person.id);
  EXPECT_EQ(next.review.previous_review_id, v.review.id);
  EXPECT_TRUE(has_cell(input(next, "a"), "Restore test"));
  EXPECT_TRUE(has_cell(input(next, "a"), "done"));
  auto no_person = reviews().approve(op(), next.review.id, next.review.version, {});
  EXPECT_FALSE(no_person);

  auto pdf = reviews().minutes_pdf(op(), v.review.id);
  ASSERT_TRUE(pdf) << pdf.error().message;
  EXPECT_EQ(pdf->bytes.rfind("%PDF-", 0), 0u);
  EXPECT_EQ(pdf->file_name, "MR-0001-minutes.pdf");
}

TEST_F(ManagementReviewServiceTest, BadInputWritesNothing) {
  ReviewFields f;
  f.chair_id = "no-such-person";
  auto bad = reviews().create(op(), f);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalid);
  auto none = reviews().list(op());
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
  ReviewFields chairless;  // the operator has no person to chair by default
  EXPECT_EQ(reviews().create(op(), chairless).error().code, ErrorCode::kInvalid);
  User employee = user("emp", {"employee"});
  EXPECT_EQ(reviews().list(principal_of(employee)).error().code, ErrorCode::kForbidden);
}

}  // namespace
}  // namespace isms
