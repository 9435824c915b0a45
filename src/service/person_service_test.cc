#include "service/person_service.h"

#include <gtest/gtest.h>

#include "service/access_test_support.h"

namespace isms {
namespace {

class PersonServiceTest : public testing::AccessFixture {};

TEST_F(PersonServiceTest, CreateValidatesAndRecords) {
  PersonService svc(ctx_);
  PersonFields f;
  f.name = "Pat Person";
  f.email = "pat@example.test";
  f.job_title = "Engineer";
  f.role_ids = std::vector<std::string>{role_id("employee"), role_id("employee")};
  auto p = svc.create(op(), f);
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(p->version, 1);
  EXPECT_EQ(p->role_ids.size(), 1u);
  EXPECT_FALSE(p->access_review_required);
  EXPECT_TRUE(has(actions(p->id), "person.create"));
  auto got = svc.get(op(), p->id);
  ASSERT_TRUE(got);
  EXPECT_EQ(person_to_json(*got), person_to_json(*p));

  PersonFields dup = f;
  dup.email = "PAT@example.test";
  auto conflict = svc.create(op(), dup);
  ASSERT_FALSE(conflict);
  EXPECT_EQ(conflict.error().code, ErrorCode::kConflict);

  PersonFields bad;
  bad.name = "";
  bad.email = "not-an-email";
  bad.job_title = std::string(201, 'x');
  bad.role_ids = std::vector<std::string>{"missing"};
  auto invalid = svc.create(op(), bad);
  ASSERT_FALSE(invalid);
  for (const char* field : {"name", "email", "job_title", "role_ids"}) {
    EXPECT_TRUE(names_field(invalid.error(), field)) << field;
  }
  auto missing = svc.get(op(), "missing");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_F(PersonServiceTest, EndingEmploymentRevokesAccessAndFlagsReview) {
  User u = user("ivan");
  sign_in(u);
  PersonService svc(ctx_);
  Person p = *svc.get(op(), u.person_id);
  PersonPatch patch;
  patch.fields.employment_status = EmploymentStatus::kEnded;
  auto no_version = svc.update(op(), p.id, patch);
  ASSERT_FALSE(no_version);
  EXPECT_EQ(no_version.error().field, "version");
  patch.version = p.version + 2;
  auto stale = svc.update(op(), p.id, patch);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  patch.version = p.version;
  auto ended = svc.update(op(), p.id, patch);
  ASSERT_TRUE(ended) << ended.error().message;
  EXPECT_EQ(ended->employment_status, EmploymentStatus::kEnded);
  EXPECT_TRUE(ended->access_review_required);
  EXPECT_EQ(ended->version, p.version + 1);
  EXPECT_EQ(live_sessions(u), 0);
  EXPECT_EQ(live_tokens(u), 0);
  EXPECT_TRUE(has(actions(u.id), "auth.sessions_revoked"));
  EXPECT_TRUE(has(actions(p.id), "person.update"));

  auto no_note = svc.access_review(op(), p.id, " ");
  ASSERT_FALSE(no_note);
  EXPECT_EQ(no_note.error().field, "note");
  auto reviewed = svc.access_review(op(), p.id, "checked with HR");
  ASSERT_TRUE(reviewed) << reviewed.error().message;
  EXPECT_FALSE(reviewed->access_review_required);
  EXPECT_EQ(reviewed->employment_status, EmploymentStatus::kEnded);
  auto entries = *LedgerService(ctx_).list(0, 1000, p.id);
  ASSERT_FALSE(entries.empty());
  EXPECT_EQ(entries.back().action, "person.access_review");
  EXPECT_NE(entries.back().change.find("checked with HR"), std::string::npos);
  EXPECT_TRUE(ledger_ok());
}

TEST_F(PersonServiceTest, ChangingRolesRevokesButOtherChangesDoNot) {
  User u = user("jane");
  sign_in(u);
  PersonService svc(ctx_);
  Person p = *svc.get(op(), u.person_id);
  PersonPatch title;
  title.fields.job_title = "Senior tester";
  title.version = p.version;
  auto retitled = svc.update(op(), p.id, title);
  ASSERT_TRUE(retitled);
  EXPECT_FALSE(retitled->access_review_required);
  EXPECT_EQ(live_sessions(u), 1);

  // The same roles in another order are no change.
  PersonPatch same;
  same.fields.role_ids = p.role_ids;
  same.version = retitled->version;
  auto unchanged = svc.update(op(), p.id, same);
  ASSERT_TRUE(unchanged);
  EXPECT_EQ(unchanged->version, retitled->version);
  EXPECT_EQ(live_sessions(u), 1);

  PersonPatch roles;
  roles.fields.role_ids = std::vector<std::string>{role_id("contractor"), role_id("employee")};
  roles.version = retitled->version;
  auto changed = svc.update(op(), p.id, roles);
  ASSERT_TRUE(changed) << changed.error().message;
  EXPECT_TRUE(changed->access_review_required);
  EXPECT_EQ(live_sessions(u), 0);
  EXPECT_EQ(live_tokens(u), 0);
  // The new permissions apply to the next principal at once.
  EXPECT_TRUE(has(principal_of(u).role_keys, "contractor"));
}

TEST_F(PersonServiceTest, AuditorRoleNeedsAccountsWithAnEndDate) {
  User u = user("kim");
  PersonService svc(ctx_);
  Person p = *svc.get(op(), u.person_id);
  PersonPatch patch;
  patch.fields.role_ids = std::vector<std::string>{role_id("auditor")};
  patch.version = p.version;
  auto r = svc.update(op(), p.id, patch);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "role_ids");
}

TEST_F(PersonServiceTest, PermissionsAreChecked) {
  User e = user("lena");
  Principal emp = principal_of(e);
  PersonService svc(ctx_);
  EXPECT_TRUE(svc.list(emp));  // employees read people
  PersonPatch patch;
  patch.fields.job_title = "x";
  patch.version = 1;
  auto w = svc.update(emp, e.person_id, patch);
  ASSERT_FALSE(w);
  EXPECT_EQ(w.error().code, ErrorCode::kForbidden);
  auto review = svc.access_review(emp, e.person_id, "ok");
  ASSERT_FALSE(review);
  EXPECT_EQ(review.error().code, ErrorCode::kForbidden);
}

TEST_F(PersonServiceTest, JsonDecoder) {
  auto bad = person_patch_from_json(Json{{"name", 5},
                                         {"employment_status", "retired"},
                                         {"access_review_required", true},
                                         {"colour", "red"},
                                         {"role_ids", "employee"},
                                         {"version", 1}},
                                    /*allow_version=*/false);
  ASSERT_FALSE(bad);
  for (const char* f :
       {"name", "employment_status", "access_review_required", "colour", "role_ids", "version"}) {
    EXPECT_TRUE(names_field(bad.error(), f)) << f;
  }
  auto ok = person_patch_from_json(Json{{"employment_status", "ended"}, {"version", 3}}, true);
  ASSERT_TRUE(ok);
  EXPECT_EQ(*ok->fields.employment_status, EmploymentStatus::kEnded);
  EXPECT_EQ(*ok->version, 3);
}

}  // namespace
}  // namespace isms
