// The shipped threat and vulnerability catalogues, written for isms in our own words.
// Keys are stable: ensure_defaults recognizes an already created default by its key, so a
// renamed or archived entry is never created again. Properties: C(onfidentiality),
// I(ntegrity), A(vailability), (a)U(thenticity).
#include <string_view>

#include "domain/threat.h"

namespace isms {

namespace {

struct Entry {
  std::string_view key;
  std::string_view category;
  std::string_view name;
  std::string_view description;
  std::string_view properties;  // letters of C, I, A, U
};

constexpr Entry kThreats[] = {
    // Deliberate acts of people.
    {"malware", "human_deliberate", "Malware",
     "Harmful software such as viruses, worms, trojans or spyware gets onto a device and "
     "damages, steals or spies on information.",
     "CIA"},
    {"ransomware", "human_deliberate", "Ransomware",
     "An attacker encrypts or copies our data and demands money to restore it or to keep it "
     "from being published.",
     "CIA"},
    {"phishing", "human_deliberate", "Phishing",
     "Deceptive e-mails, messages or websites trick people into giving away credentials, "
     "opening harmful files or making payments.",
     "CIU"},
    {"social_engineering", "human_deliberate", "Social engineering by phone or in person",
     "Someone pretends to be a colleague, supplier or official and talks staff into handing "
     "over information or access.",
     "CU"},
    {"payment_fraud", "human_deliberate", "Payment fraud through impersonation",
     "A fraudster poses as a manager or supplier and gets staff to transfer money or change "
     "bank details.",
     "IU"},
    {"credential_theft", "human_deliberate", "Theft or guessing of credentials",
     "Passwords, keys or tokens are stolen, guessed, bought or reused so that someone logs in "
     "as a legitimate user.",
     "CIU"},
    {"web_application_attack", "human_deliberate", "Attack on a web application or API",
     "Flaws in a web application or interface, such as injection or missing access checks, are "
     "used to read or change data.",
     "CIA"},
    {"denial_of_service", "human_deliberate", "Denial of service",
     "A flood of traffic or requests makes a service unreachable or too slow for its users.", "A"},
    {"insider_misuse", "human_deliberate", "Misuse of access by an insider",
     "An employee or contractor uses legitimate access to copy, change or delete information "
     "for purposes outside their job.",
     "CIU"},
    {"equipment_theft", "human_deliberate", "Theft of equipment or media",
     "Laptops, phones, storage media or paper files are stolen from offices, cars or homes.", "CA"},
    {"interception", "human_deliberate", "Interception of communication",
     "Data travelling over networks, Wi-Fi or phone lines is read or altered by someone "
     "listening in.",
     "CI"},
    {"supply_chain_compromise", "human_deliberate", "Compromised supplier or software update",
     "An attacker gets in through a supplier, a provider's remote access or a tampered software "
     "package or update.",
     "CIAU"},
    {"sabotage", "human_deliberate", "Sabotage and vandalism",
     "Equipment, systems or data are damaged on purpose to disrupt the business.", "IA"},
    {"unauthorized_entry", "human_deliberate", "Unauthorized entry to premises",
     "Someone gets into offices, server rooms or archives without permission, for example by "
     "following an employee through the door.",
     "CIA"},
    // Accidents and mistakes.
    {"handling_error", "human_accidental", "Mistakes in handling information",
     "People send information to the wrong recipient, enter wrong data or delete something by "
     "accident.",
     "CIA"},
    {"misconfiguration", "human_accidental", "Misconfiguration",
     "A system, cloud service or network device is set up wrongly, for example storage left "
     "open to the internet.",
     "CIA"},
    {"device_loss", "human_accidental", "Loss of a device or documents",
     "A laptop, phone, USB stick or folder is left behind or lost on the way.", "CA"},
    {"faulty_change", "human_accidental", "Faulty change or release",
     "A change to software or infrastructure reaches production with errors and breaks data or "
     "services.",
     "IA"},
    {"oversharing", "human_accidental", "Oversharing through collaboration tools",
     "Files or folders are shared by public link or with far too many people in cloud drives, "
     "chats or tickets.",
     "C"},
    // Technical failures.
    {"hardware_failure", "technical", "Hardware failure",
     "Servers, disks, network devices or workplace devices break down.", "IA"},
    {"software_failure", "technical", "Software malfunction",
     "Bugs, crashes or broken updates make software produce wrong results or stop working.", "IA"},
    {"provider_outage", "technical", "Outage of a cloud or hosting provider",
     "A provider we rely on becomes unavailable, loses data or discontinues the service.", "IA"},
    {"network_outage", "technical", "Loss of network or internet connection",
     "Connectivity fails because of carrier problems, cut cables or broken equipment.", "A"},
    {"data_corruption", "technical", "Data corruption",
     "Stored data becomes damaged or inconsistent, and the damage may reach the backups before "
     "anyone notices.",
     "IA"},
    // Environment.
    {"power_failure", "environmental", "Power failure",
     "Electricity fails or fluctuates, stopping or damaging equipment.", "A"},
    {"fire", "environmental", "Fire",
     "Fire or smoke damages buildings, equipment and paper records.", "IA"},
    {"water_damage", "environmental", "Flooding and water damage",
     "Water from floods, heavy rain, pipes or air conditioning reaches equipment or archives.",
     "IA"},
    {"severe_weather", "environmental", "Severe weather and natural events",
     "Storms, heat waves, lightning or earthquakes damage sites or keep people from reaching "
     "them.",
     "A"},
    {"mass_absence", "environmental", "Epidemic or mass absence",
     "Illness or another event keeps a large part of the staff away at the same time.", "A"},
    // The organization and its relations.
    {"key_personnel_loss", "organizational", "Loss of key personnel",
     "People with knowledge or access that nobody else has leave, fall ill or cannot be "
     "reached.",
     "A"},
    {"supplier_failure", "organizational", "Supplier insolvency or withdrawal",
     "A supplier goes out of business, ends the contract or can no longer deliver.", "A"},
    {"legal_breach", "organizational", "Breach of legal or contractual obligations",
     "We fail to meet data protection law, sector rules or contract terms, leading to fines, "
     "claims or lost customers.",
     "CI"},
};

constexpr Entry kVulnerabilities[] = {
    // Technical weaknesses.
    {"unpatched_software", "technical", "Unpatched software",
     "Security updates for operating systems, applications or firmware are installed late or "
     "not at all.",
     "CIA"},
    {"weak_authentication", "technical", "Weak authentication",
     "Logins rely on a password alone, accept simple or shared passwords, or lack a second "
     "factor.",
     "CIU"},
    {"excessive_privileges", "technical", "Excessive access rights",
     "Users and service accounts hold more rights than their tasks need, and nobody reviews "
     "them.",
     "CIU"},
    {"missing_backups", "technical", "Missing or untested backups",
     "Data is not backed up, backups sit next to the originals, or a restore has never been "
     "tried.",
     "IA"},
    {"insecure_defaults", "technical", "Insecure default configuration",
     "Systems run with factory settings, open ports, sample accounts or services nobody needs.",
     "CIA"},
    {"missing_encryption", "technical", "Missing encryption",
     "Data is stored or sent unencrypted, or with outdated algorithms and protocols.", "CI"},
    {"insufficient_logging", "technical", "Insufficient logging and monitoring",
     "Security-relevant events are not recorded, not kept long enough, or nobody looks at "
     "them.",
     "IU"},
    {"flat_network", "technical", "Network without segmentation",
     "Every system can reach every other one, so one compromised device opens the way to all.",
     "CIA"},
    {"unsupported_systems", "technical", "Unsupported systems",
     "Hardware or software is past its end of life and no longer receives security fixes.", "CIA"},
    {"insecure_development", "technical", "Insecure development practices",
     "Code is written and shipped without security requirements, reviews or tests.", "CIA"},
    {"single_point_of_failure", "technical", "Single point of failure",
     "A service depends on one component, connection or site with no spare or fallback.", "A"},
    {"unmanaged_devices", "technical", "Unmanaged devices",
     "Private or unregistered devices reach company data without security settings or "
     "oversight.",
     "CI"},
    {"exposed_services", "technical", "Administration exposed to the internet",
     "Administration consoles, remote desktops or databases can be reached directly from the "
     "internet.",
     "CIA"},
    {"no_malware_protection", "technical", "Lack of malware protection",
     "Devices have no or outdated protection against malicious software, or users can turn it "
     "off.",
     "CIA"},
    {"unverified_mail_sender", "technical", "E-mail sender not verifiable",
     "Our mail domain publishes no sender verification, so messages in our name are easy to "
     "forge.",
     "U"},
    // Gaps in how the organization works.
    {"incomplete_inventory", "organizational", "Incomplete asset inventory",
     "Nobody knows all the systems, data and accounts that exist, so some are never protected "
     "or updated.",
     "CIA"},
    {"weak_account_lifecycle", "organizational", "Weak joiner, mover and leaver process",
     "Accounts are not created, changed and removed in step with people's roles and "
     "departures.",
     "CIU"},
    {"undocumented_procedures", "organizational", "Undocumented procedures",
     "How critical tasks are carried out exists only in people's heads.", "IA"},
    {"single_person_knowledge", "organizational", "Knowledge held by a single person",
     "Only one person can operate or repair a critical system.", "A"},
    {"weak_supplier_management", "organizational", "Weak supplier management",
     "Suppliers are chosen and used without checking their security or agreeing on duties.", "CIA"},
    {"no_incident_process", "organizational", "No incident response process",
     "There is no agreed way to recognize, report and handle security incidents.", "CIA"},
    {"no_continuity_plan", "organizational", "Missing continuity planning",
     "There are no tested plans to keep critical services going after a major disruption.", "A"},
    {"unclear_classification", "organizational", "Unclear information classification",
     "People do not know which information is confidential or how it must be handled.", "C"},
    {"uncontrolled_changes", "organizational", "Uncontrolled changes",
     "Changes reach production without planning, approval, testing or a way back.", "IA"},
    {"no_separation_of_duties", "organizational", "Missing separation of duties",
     "One person alone can start, approve and carry out sensitive actions such as payments.", "IU"},
    // Premises and equipment.
    {"weak_physical_access", "physical", "Weak physical access control",
     "Doors, server rooms and archives are not locked or watched, and visitors walk around "
     "alone.",
     "CIA"},
    {"no_environmental_protection", "physical",
     "Poor protection against fire, water and power loss",
     "Rooms with equipment lack fire detection, water sensors, cooling or backup power.", "A"},
    {"insecure_disposal", "physical", "Insecure disposal of equipment and media",
     "Old devices, disks and paper are thrown away or sold without the data being reliably "
     "erased or destroyed.",
     "C"},
    {"unattended_workplaces", "physical", "Unattended workplaces",
     "Screens stay unlocked and papers stay on desks when people step away.", "CI"},
    // People.
    {"low_awareness", "human", "Low security awareness",
     "Staff have not learned to spot phishing, fraud attempts or careless handling of data.",
     "CIU"},
    {"work_overload", "human", "Time pressure and overload",
     "Staff under constant pressure skip checks and take shortcuts.", "CIA"},
    {"password_reuse", "human", "Password reuse and sharing",
     "People use the same password for several services or share it with colleagues.", "CU"},
};

std::vector<SecurityProperty> properties_of(std::string_view letters) {
  std::vector<SecurityProperty> out;
  for (char c : letters) {
    switch (c) {
      case 'C':
        out.push_back(SecurityProperty::kConfidentiality);
        break;
      case 'I':
        out.push_back(SecurityProperty::kIntegrity);
        break;
      case 'A':
        out.push_back(SecurityProperty::kAvailability);
        break;
      case 'U':
        out.push_back(SecurityProperty::kAuthenticity);
        break;
    }
  }
  return out;
}

template <size_t N>
std::vector<RiskSource> build(const Entry (&entries)[N], RiskSourceKind kind) {
  std::vector<RiskSource> out;
  out.reserve(N);
  for (const Entry& e : entries) {
    RiskSource s;
    s.kind = kind;
    s.key = std::string(e.key);
    s.name = std::string(e.name);
    s.category = std::string(e.category);
    s.description = std::string(e.description);
    s.properties = properties_of(e.properties);
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

std::vector<RiskSource> default_threats() { return build(kThreats, RiskSourceKind::kThreat); }

std::vector<RiskSource> default_vulnerabilities() {
  return build(kVulnerabilities, RiskSourceKind::kVulnerability);
}

}  // namespace isms
