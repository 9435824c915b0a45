#include "render/review_minutes.h"

#include <gtest/gtest.h>

#include "render/export_test_support.h"

namespace isms {
namespace {

using testing::pdf_pages;
using testing::squeeze;

ReviewMinutes minutes(bool approved) {
  ReviewMinutes doc;
  doc.organization_name = "Elastisys AB";
  doc.generated_at = "2026-12-03T10:00:00Z";
  ManagementReview& r = doc.review;
  r.id = "r1";
  r.ref = "MR-0001";
  r.title = "Management review 2026";
  r.planned_on = "2026-12-01";
  r.held_on = "2026-12-02";
  r.status = approved ? ReviewStatus::kApproved : ReviewStatus::kHeld;
  r.chair_id = "p-ceo";
  r.attendee_ids = {"p-ceo", "p-ciso"};
  r.guests = {"Lead auditor from Certico"};
  r.inputs = empty_review_inputs();
  r.inputs[3].facts = {{"Corrective actions overdue", "3"}};
  r.inputs[3].tables = {{"Open nonconformities",
                         {"Ref", "Grade", "Title"},
                         {{"F-0042", "Minor nonconformity", "Backups not tested"}}}};
  r.inputs[1].comment = "NIS2 entered into force in Sweden";
  r.inputs[5].notes = {"No audit was completed since 2026-03-01."};
  r.decisions = {{"Extend MFA to all contractors", "isms_change"},
                 {"Budget for a second security engineer", "resource_needs"}};
  r.actions = {{"Run a restore test every quarter", "p-ciso", "2027-03-31", "open", "", ""}};
  r.minutes = "The review confirmed the ISMS remains suitable.";
  if (approved) {
    r.approved_by = "p-ceo";
    r.approved_by_name = "Jane Doe";
    r.approved_at = "2026-12-03T09:30:00.000000Z";
  }
  doc.person_names = {{"p-ceo", "Jane Doe"}, {"p-ciso", "Sam Ciso"}};
  return doc;
}

std::string all_text(const ReviewMinutes& doc, const char* name) {
  auto pdf = render_review_minutes_pdf(doc);
  EXPECT_TRUE(pdf.ok()) << (pdf.ok() ? "" : pdf.error().message);
  if (!pdf.ok()) return "";
  std::string text;
  for (const std::string& page : pdf_pages(*pdf, name)) text += page;
  return squeeze(text);
}

TEST(ReviewMinutes, PdfHasEverySectionAndTheApproval) {
  std::string text = all_text(minutes(true), "review-minutes-approved");
  for (const char* expected : {"Minutes:Managementreview2026",
                               "MR-0001",
                               "2026-12-02",
                               "SamCiso",
                               "LeadauditorfromCertico",
                               "9.3.2a)Statusofactionsfrompreviousmanagementreviews",
                               "9.3.2d)1)Nonconformitiesandcorrectiveactions",
                               "Correctiveactionsoverdue",
                               "F-0042",
                               "Backupsnottested",
                               "NIS2enteredintoforceinSweden",
                               "Noauditwascompletedsince2026-03-01",
                               "9.3.2g)Opportunitiesforcontinualimprovement",
                               "Policyexceptionsactiveandexpiring",
                               "ExtendMFAtoallcontractors",
                               "Resourceneeds",
                               "Runarestoretesteveryquarter",
                               "2027-03-31",
                               "ISMSremainssuitable",
                               "ApprovedbyJaneDoeon2026-12-03"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected;
  }
  EXPECT_EQ(text.find("Notapprovedyet"), std::string::npos);
}

TEST(ReviewMinutes, NotApprovedYet) {
  std::string text = all_text(minutes(false), "review-minutes-held");
  EXPECT_NE(text.find("Notapprovedyet"), std::string::npos);
  EXPECT_EQ(text.find("ApprovedbyJaneDoe"), std::string::npos);
  EXPECT_EQ(review_approval_line(minutes(false).review, {}), "Not approved yet");
}

}  // namespace
}  // namespace isms
