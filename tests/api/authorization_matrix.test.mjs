// Authorization matrix, generated from the route table: the served OpenAPI document lists
// every route with its access rule (x-access). For every operation x every built-in role
// (x every classification for object reads and writes) the outcome is asserted against
// EXPECTED below, a table written independently of the server's role definitions. A route
// missing from EXPECTED fails the test: no future endpoint ships without a decided rule.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { api, API, uniq, cliOk, cliToken, expectStatus } from './helpers.mjs';

const ROLES = ['ceo', 'ciso', 'employee', 'contractor', 'auditor', 'administrator'];
const ALL = ROLES;
// Issue 4 (docs/api.md "Catalogue", "Documents", "Traceability and gaps"): everyone reads
// documents; contractors do not browse the catalogue; the CISO writes documents and
// imports libraries; the CEO approves (information owner, decided by the service); everyone
// but the auditor (read-only) acknowledges policies.
const CATALOGUE_READERS = ['ceo', 'ciso', 'employee', 'auditor', 'administrator'];
const POLICY_ACCEPTERS = ['ceo', 'ciso', 'employee', 'contractor', 'administrator'];
// Issue 5 (docs/api.md "Risk method" .. "Statement of Applicability"): top management, the
// CISO and the auditor read risks, controls and the SoA; the CISO writes them and changes the
// method; accepting a risk is decided by the service against the method (its 403 names who may
// accept), so the route needs reading; only the CEO approves the SoA.
const RISK_READERS = ['ceo', 'ciso', 'auditor'];
// Issue 6 (docs/api.md "Calendar" .. "Incidents"): everyone but contractors and the
// administrator sees the calendar (employees their own duties); top management, the CISO and the
// auditor read objectives, audits, reviews, exceptions and incidents; the CISO writes them
// (the auditor role stays read-only: internal audits are recorded by the CISO or a custom role); the CEO approves
// management reviews, and with the CISO decides exceptions; anyone who works for the
// organization requests exceptions and reports events; the CISO and the administrator run
// notifications. Routes open to any authenticated user decide per object in the service.
const CALENDAR_READERS = ['ceo', 'ciso', 'employee', 'auditor'];
const OPS_READERS = ['ceo', 'ciso', 'auditor'];
const EXCEPTION_REQUESTERS = ['ceo', 'ciso', 'employee', 'contractor'];
const EVENT_REPORTERS = ['ceo', 'ciso', 'employee', 'contractor', 'administrator'];

// operationId -> 'public' | 'session' (browser session only) | 'any' (any authenticated
// user) | the roles that pass the route's rule.
const EXPECTED = {
  getHealth: 'public', getReadiness: 'public', getOpenApi: 'public', login: 'public',
  getSession: 'session', logout: 'session', verifyMfa: 'session', changePassword: 'session',
  startMfaEnrolment: 'session', confirmMfaEnrolment: 'session', disableMfa: 'session',
  newRecoveryCodes: 'any', getMyAccess: 'any', listTokens: 'any', createToken: 'any',
  revokeToken: 'any', listRegisters: 'any', getRegister: 'any', listPermissions: 'any',
  getSettings: 'any',
  listAuthEvents: ['ciso', 'auditor', 'administrator'],
  getOrganization: ALL, getDashboard: ALL,
  listAssets: ALL, getAsset: ALL, updateAsset: ALL, archiveAsset: ALL,
  createAsset: ['ciso'],
  listPersons: ['ceo', 'ciso', 'employee', 'auditor', 'administrator'],
  getPerson: ['ceo', 'ciso', 'employee', 'auditor', 'administrator'],
  createPerson: ['ciso', 'administrator'], updatePerson: ['ciso', 'administrator'],
  reviewPersonAccess: ['ciso'],
  listRoles: ['ceo', 'ciso', 'employee', 'auditor', 'administrator'],
  createRole: ['administrator'], updateRole: ['administrator'], deleteRole: ['administrator'],
  listUsers: ['administrator'], getUser: ['administrator'], createUser: ['administrator'],
  updateUser: ['administrator'], resetUserPassword: ['administrator'],
  unlockUser: ['administrator'], resetUserMfa: ['administrator'],
  revokeUserSessions: ['administrator'],
  listGroups: ['ceo', 'ciso', 'employee', 'auditor', 'administrator'],
  getGroup: ['ceo', 'ciso', 'employee', 'auditor', 'administrator'],
  createGroup: ['ciso'], updateGroup: ['ciso'],
  listAssetGrants: ALL, addAssetGrant: ALL, removeAssetGrant: ALL,
  putSettings: ['administrator'],
  loadDemo: ['ciso', 'administrator'],
  listLedger: ['ceo', 'ciso', 'auditor'], verifyLedger: ['ceo', 'ciso', 'auditor'],
  listFrameworks: CATALOGUE_READERS, getFramework: CATALOGUE_READERS,
  listFrameworkRequirements: CATALOGUE_READERS, exportFrameworkOscal: CATALOGUE_READERS,
  getRequirement: CATALOGUE_READERS, searchRequirements: CATALOGUE_READERS,
  listMappings: CATALOGUE_READERS, scanCitations: CATALOGUE_READERS,
  importCatalogue: ['ciso'],
  listDocuments: ALL, getDocument: ALL, listDocumentVersions: ALL, getDocumentVersion: ALL,
  diffDocumentVersions: ALL, renderDocument: ALL, exportDocuments: ALL, previewDocument: ALL,
  listDocumentAcknowledgements: ALL,
  // Return: the information owner (CEO) or a writer; approve: policies:approve and the
  // information owner. The service decides (its 403 names the owner); the route needs reading.
  returnDocument: ALL, approveDocument: ALL,
  createDocument: ['ciso'], updateDocument: ['ciso'], importDocuments: ['ciso'],
  newDocumentVersion: ['ciso'], submitDocument: ['ciso'],
  publishDocument: ['ciso'], archiveDocument: ['ciso'], remindDocument: ['ciso'],
  acknowledgeDocument: POLICY_ACCEPTERS,
  listMyAcknowledgements: 'any',
  getTraceabilityMatrix: CATALOGUE_READERS, getGapReport: CATALOGUE_READERS,
  exportGapReport: CATALOGUE_READERS, getCoverage: CATALOGUE_READERS,
  getRiskMethod: RISK_READERS, listRiskMethods: RISK_READERS, getRiskMethodVersion: RISK_READERS,
  previewRiskMethod: RISK_READERS, saveRiskMethod: ['ciso'],
  listThreats: RISK_READERS, getThreat: RISK_READERS, createThreat: ['ciso'], updateThreat: ['ciso'],
  archiveThreat: ['ciso'],
  listVulnerabilities: RISK_READERS, getVulnerability: RISK_READERS, createVulnerability: ['ciso'],
  updateVulnerability: ['ciso'], archiveVulnerability: ['ciso'],
  listRisks: RISK_READERS, getRisk: RISK_READERS, getRiskHeatMap: RISK_READERS, getRiskSummary: RISK_READERS,
  exportRiskRegister: RISK_READERS, acceptRisk: RISK_READERS,
  createRisk: ['ciso'], updateRisk: ['ciso'], revokeRiskAcceptance: ['ciso'], archiveRisk: ['ciso'],
  listRiskCycles: RISK_READERS, getRiskCycle: RISK_READERS, compareRiskCycles: RISK_READERS,
  openRiskCycle: ['ciso'], updateRiskCycle: ['ciso'], reviewRisk: ['ciso'], closeRiskCycle: ['ciso'],
  listControls: RISK_READERS, getControl: RISK_READERS, listEvidence: RISK_READERS, downloadEvidence: RISK_READERS,
  createControl: ['ciso'], updateControl: ['ciso'], archiveControl: ['ciso'], checkControl: ['ciso'],
  addEvidence: ['ciso'], archiveEvidence: ['ciso'],
  getSoa: RISK_READERS, getSoaLine: RISK_READERS, listSoaVersions: RISK_READERS, getSoaVersion: RISK_READERS,
  compareSoa: RISK_READERS, exportSoa: RISK_READERS,
  updateSoaLine: ['ciso'], importSoa: ['ciso'], approveSoa: ['ceo'],
  // Issue 6
  listActivities: CALENDAR_READERS,  // GET /api/v1/activities (calendar:read)
  createActivity: ['ciso'],  // POST /api/v1/activities (calendar:write)
  archiveActivity: ['ciso'],  // DELETE /api/v1/activities/{id} (calendar:write)
  getActivity: CALENDAR_READERS,  // GET /api/v1/activities/{id} (calendar:read)
  updateActivity: ['ciso'],  // PATCH /api/v1/activities/{id} (calendar:write)
  archiveActivityAction: ['ciso'],  // POST /api/v1/activities/{id}/archive (calendar:write)
  listOccurrences: CALENDAR_READERS,  // GET /api/v1/activities/{id}/occurrences (calendar:read)
  completeOccurrence: 'any',  // POST /api/v1/activities/{id}/occurrences/{date}/complete (authenticated)
  skipOccurrence: ['ciso'],  // POST /api/v1/activities/{id}/occurrences/{date}/skip (calendar:write)
  listAuditProgrammes: OPS_READERS,  // GET /api/v1/audit-programmes (audits:read)
  createAuditProgramme: ['ciso'],  // POST /api/v1/audit-programmes (audits:write)
  getAuditProgramme: OPS_READERS,  // GET /api/v1/audit-programmes/{id} (audits:read)
  updateAuditProgramme: ['ciso'],  // PATCH /api/v1/audit-programmes/{id} (audits:write)
  approveAuditProgramme: ['ciso'],  // POST /api/v1/audit-programmes/{id}/approve (audits:write)
  listAudits: OPS_READERS,  // GET /api/v1/audits (audits:read)
  createAudit: ['ciso'],  // POST /api/v1/audits (audits:write)
  getAudit: OPS_READERS,  // GET /api/v1/audits/{id} (audits:read)
  updateAudit: ['ciso'],  // PATCH /api/v1/audits/{id} (audits:write)
  cancelAudit: ['ciso'],  // POST /api/v1/audits/{id}/cancel (audits:write)
  checkAuditItem: ['ciso'],  // PATCH /api/v1/audits/{id}/checklist/{index} (audits:write)
  completeAudit: ['ciso'],  // POST /api/v1/audits/{id}/complete (audits:write)
  listAuditFindings: OPS_READERS,  // GET /api/v1/audits/{id}/findings (audits:read)
  createAuditFinding: ['ciso'],  // POST /api/v1/audits/{id}/findings (audits:write)
  getAuditReport: OPS_READERS,  // GET /api/v1/audits/{id}/report (audits:read)
  getAuditReportPdf: OPS_READERS,  // GET /api/v1/audits/{id}/report.pdf (audits:read)
  startAudit: ['ciso'],  // POST /api/v1/audits/{id}/start (audits:write)
  exportCalendarIcs: 'any',  // GET /api/v1/calendar.ics (authenticated)
  getAgenda: 'any',  // GET /api/v1/calendar/agenda (authenticated)
  getCalendarSettings: CALENDAR_READERS,  // GET /api/v1/calendar/settings (calendar:read)
  patchCalendarSettings: ['ciso'],  // PATCH /api/v1/calendar/settings (calendar:write)
  putCalendarSettings: ['ciso'],  // PUT /api/v1/calendar/settings (calendar:write)
  listCorrectiveActions: OPS_READERS,  // GET /api/v1/corrective-actions (audits:read)
  getCorrectiveAction: OPS_READERS,  // GET /api/v1/corrective-actions/{id} (audits:read)
  updateCorrectiveAction: ['ciso'],  // PATCH /api/v1/corrective-actions/{id} (audits:write)
  implementCorrectiveAction: 'any',  // POST /api/v1/corrective-actions/{id}/implement (authenticated)
  verifyCorrectiveAction: ['ciso'],  // POST /api/v1/corrective-actions/{id}/verify (audits:write)
  // Everyone who reports sees their own with ?mine=true; the whole inbox needs incidents:read.
  listEvents: OPS_READERS,
  reportEvent: EVENT_REPORTERS,  // POST /api/v1/events (events:report)
  getEvent: 'any',  // GET /api/v1/events/{id} (authenticated)
  triageEvent: ['ciso'],  // POST /api/v1/events/{id}/triage (incidents:write)
  // exceptions:read sees all, exceptions:request its own; the administrator holds neither.
  listExceptions: [...OPS_READERS, 'employee', 'contractor'],
  requestException: EXCEPTION_REQUESTERS,  // POST /api/v1/exceptions (exceptions:request)
  getException: [...OPS_READERS, 'employee', 'contractor'],
  updateException: EXCEPTION_REQUESTERS,  // PATCH /api/v1/exceptions/{id} (exceptions:request)
  approveException: ['ceo', 'ciso'],  // POST /api/v1/exceptions/{id}/approve (exceptions:approve)
  rejectException: ['ceo', 'ciso'],  // POST /api/v1/exceptions/{id}/reject (exceptions:approve)
  renewException: EXCEPTION_REQUESTERS,  // POST /api/v1/exceptions/{id}/renew (exceptions:request)
  revokeException: ['ceo', 'ciso'],  // POST /api/v1/exceptions/{id}/revoke (exceptions:approve)
  withdrawException: EXCEPTION_REQUESTERS,  // POST /api/v1/exceptions/{id}/withdraw (exceptions:request)
  listFindings: OPS_READERS,  // GET /api/v1/findings (audits:read)
  createFinding: ['ciso'],  // POST /api/v1/findings (audits:write)
  getFinding: OPS_READERS,  // GET /api/v1/findings/{id} (audits:read)
  updateFinding: ['ciso'],  // PATCH /api/v1/findings/{id} (audits:write)
  addCorrectiveAction: ['ciso'],  // POST /api/v1/findings/{id}/actions (audits:write)
  closeFinding: ['ciso'],  // POST /api/v1/findings/{id}/close (audits:write)
  listIncidents: OPS_READERS,  // GET /api/v1/incidents (incidents:read)
  createIncident: ['ciso'],  // POST /api/v1/incidents (incidents:write)
  getIncident: OPS_READERS,  // GET /api/v1/incidents/{id} (incidents:read)
  updateIncident: ['ciso'],  // PATCH /api/v1/incidents/{id} (incidents:write)
  assessIncident: ['ciso'],  // POST /api/v1/incidents/{id}/assessment (incidents:write)
  incidentClocks: OPS_READERS,  // GET /api/v1/incidents/{id}/clocks (incidents:read)
  requestIntermediateReport: ['ciso'],  // POST /api/v1/incidents/{id}/intermediate-request (incidents:write)
  listIncidentReports: OPS_READERS,  // GET /api/v1/incidents/{id}/reports (incidents:read)
  fileIncidentReport: ['ciso'],  // POST /api/v1/incidents/{id}/reports (incidents:write)
  getIncidentReport: OPS_READERS,  // GET /api/v1/incidents/{id}/reports/{report_id} (incidents:read)
  reviewIncident: ['ciso'],  // POST /api/v1/incidents/{id}/review (incidents:write)
  incidentTimeline: OPS_READERS,  // GET /api/v1/incidents/{id}/timeline (incidents:read)
  addIncidentNote: ['ciso'],  // POST /api/v1/incidents/{id}/timeline (incidents:write)
  retireIndicator: ['ciso'],  // DELETE /api/v1/indicators/{id} (objectives:write)
  getIndicator: OPS_READERS,  // GET /api/v1/indicators/{id} (objectives:read)
  updateIndicator: ['ciso'],  // PATCH /api/v1/indicators/{id} (objectives:write)
  listMeasurements: OPS_READERS,  // GET /api/v1/indicators/{id}/measurements (objectives:read)
  recordMeasurement: ['ciso'],  // POST /api/v1/indicators/{id}/measurements (objectives:write)
  exportMeasurementsCsv: OPS_READERS,  // GET /api/v1/indicators/{id}/measurements.csv (objectives:read)
  listManagementReviews: OPS_READERS,  // GET /api/v1/management-reviews (reviews:read)
  createManagementReview: ['ciso'],  // POST /api/v1/management-reviews (reviews:write)
  getManagementReview: OPS_READERS,  // GET /api/v1/management-reviews/{id} (reviews:read)
  updateManagementReview: ['ciso'],  // PATCH /api/v1/management-reviews/{id} (reviews:write)
  updateManagementReviewAction: ['ciso'],  // PATCH /api/v1/management-reviews/{id}/actions/{index} (reviews:write)
  approveManagementReview: ['ceo'],  // POST /api/v1/management-reviews/{id}/approve (reviews:approve)
  holdManagementReview: ['ciso'],  // POST /api/v1/management-reviews/{id}/hold (reviews:write)
  refreshManagementReviewInputs: ['ciso'],  // POST /api/v1/management-reviews/{id}/inputs/refresh (reviews:write)
  getManagementReviewMinutes: OPS_READERS,  // GET /api/v1/management-reviews/{id}/minutes.pdf (reviews:read)
  supersedeMeasurement: ['ciso'],  // POST /api/v1/measurements/{id}/supersede (objectives:write)
  listDeliveries: ['ciso', 'administrator'],  // GET /api/v1/notifications/deliveries (notifications:manage)
  getDelivery: ['ciso', 'administrator'],  // GET /api/v1/notifications/deliveries/{id} (notifications:manage)
  retryDelivery: ['ciso', 'administrator'],  // POST /api/v1/notifications/deliveries/{id}/retry (notifications:manage)
  runNotifications: ['ciso', 'administrator'],  // POST /api/v1/notifications/run (notifications:manage)
  getNotificationSettings: ['ciso', 'administrator'],  // GET /api/v1/notifications/settings (notifications:manage)
  patchNotificationSettings: ['ciso', 'administrator'],  // PATCH /api/v1/notifications/settings (notifications:manage)
  putNotificationSettings: ['ciso', 'administrator'],  // PUT /api/v1/notifications/settings (notifications:manage)
  sendTestEmail: ['ciso', 'administrator'],  // POST /api/v1/notifications/test-email (notifications:manage)
  listWebhooks: ['ciso', 'administrator'],  // GET /api/v1/notifications/webhooks (notifications:manage)
  createWebhook: ['ciso', 'administrator'],  // POST /api/v1/notifications/webhooks (notifications:manage)
  deleteWebhook: ['ciso', 'administrator'],  // DELETE /api/v1/notifications/webhooks/{id} (notifications:manage)
  updateWebhook: ['ciso', 'administrator'],  // PATCH /api/v1/notifications/webhooks/{id} (notifications:manage)
  listObjectives: OPS_READERS,  // GET /api/v1/objectives (objectives:read)
  createObjective: ['ciso'],  // POST /api/v1/objectives (objectives:write)
  objectivesSummary: OPS_READERS,  // GET /api/v1/objectives/summary (objectives:read)
  withdrawObjective: ['ciso'],  // DELETE /api/v1/objectives/{id} (objectives:write)
  getObjective: OPS_READERS,  // GET /api/v1/objectives/{id} (objectives:read)
  updateObjective: ['ciso'],  // PATCH /api/v1/objectives/{id} (objectives:write)
  addIndicator: ['ciso'],  // POST /api/v1/objectives/{id}/indicators (objectives:write)
  reviewObjective: ['ciso'],  // POST /api/v1/objectives/{id}/review (objectives:write)
  completeReview: 'any',  // POST /api/v1/reviews/complete (authenticated)
  listReviewsDue: 'any',  // GET /api/v1/reviews/due (authenticated)
};

// Who may read / change an asset of each classification that none of them owns, is in
// no working group of, and holds no grant on.
const READ = {
  public: ALL, internal: ALL,
  confidential: ['ceo', 'ciso', 'auditor'],
  customer_data: [],
};
const WRITE = { public: ['ciso'], internal: ['ciso'], confidential: ['ciso'], customer_data: [] };

const tokens = {};
let operations = [];
const assets = {};
const marker = uniq('matrix');

before(async () => {
  const doc = await api('GET', `${API}/openapi.json`, { auth: false });
  expectStatus(doc, 200, 'openapi');
  for (const [path, item] of Object.entries(doc.json.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      operations.push({ path, method: method.toUpperCase(), id: op.operationId, access: op['x-access'] });
    }
  }
  const future = new Date(Date.now() + 7 * 86400e3).toISOString().replace(/\.\d+Z$/, 'Z');
  for (const role of ROLES) {
    const username = uniq(`m${role.slice(0, 4)}`).toLowerCase();
    const args = ['user', 'create', username, '--person-name', `Matrix ${role}`,
      '--email', `${username}@example.test`, '--role', role];
    if (role === 'auditor') args.push('--access-expires-at', future);
    cliOk(args);
    // Auditors hold only read permissions, so their token is read-only.
    tokens[role] = cliToken(username, { scope: role === 'auditor' ? 'read' : 'read_write' });
  }
  for (const classification of Object.keys(READ)) {
    const res = await api('POST', `${API}/assets`, {
      body: { name: `${marker} ${classification}`, classification, description: `${marker} content` },
    });
    expectStatus(res, 201, `create ${classification} asset`);
    assets[classification] = res.json;
  }
});

function concrete(path) {
  return path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
}

function allowed(expected, role) {
  if (expected === 'public' || expected === 'any') return true;
  if (expected === 'session') return false;  // a token is not a session
  return expected.includes(role);
}

test('every route declares an access rule and has an expected outcome', () => {
  assert.ok(operations.length > 40, `only ${operations.length} operations`);
  const missing = operations.filter((o) => !(o.id in EXPECTED)).map((o) => `${o.method} ${o.path} (${o.id})`);
  assert.deepEqual(missing, [], 'routes without an expected authorization outcome');
  const undeclared = operations.filter((o) => !o.access || o.access === 'undeclared');
  assert.deepEqual(undeclared.map((o) => o.id), [], 'routes without x-access');
  for (const o of operations) {
    const e = EXPECTED[o.id];
    if (e === 'public') assert.equal(o.access, 'public', o.id);
    if (e === 'session') assert.equal(o.access, 'session', o.id);
  }
});

test('without credentials every non-public route answers 401', async () => {
  for (const o of operations) {
    if (EXPECTED[o.id] === 'public') continue;
    const res = await api(o.method, concrete(o.path), {
      auth: false, body: ['POST', 'PATCH', 'PUT'].includes(o.method) ? {} : undefined,
    });
    assert.equal(res.status, 401, `${o.method} ${o.path} without credentials: ${res.status} ${res.text.slice(0, 200)}`);
  }
});

test('every route x every built-in role', async () => {
  const failures = [];
  for (const o of operations) {
    if (o.id === 'loadDemo' || o.id === 'login') continue;  // state-changing with {}: below
    for (const role of ROLES) {
      const res = await api(o.method, concrete(o.path), {
        token: tokens[role], body: ['POST', 'PATCH', 'PUT'].includes(o.method) ? {} : undefined,
      });
      const expect = allowed(EXPECTED[o.id], role);
      const denied = res.status === 401 || res.status === 403;
      if (expect === denied) {
        failures.push(`${role} ${o.method} ${o.path}: got ${res.status}, expected ${expect ? 'allowed' : 'denied'}`);
      }
      if (EXPECTED[o.id] === 'session' && res.status !== 401) {
        failures.push(`${role} ${o.method} ${o.path}: a token on a session route got ${res.status}`);
      }
    }
  }
  assert.deepEqual(failures, []);
});

test('asset reads and writes x role x classification', async () => {
  const failures = [];
  for (const [classification, asset] of Object.entries(assets)) {
    for (const role of ROLES) {
      const read = await api('GET', `${API}/assets/${asset.id}`, { token: tokens[role] });
      const mayRead = READ[classification].includes(role);
      if (read.status !== (mayRead ? 200 : 404)) {
        failures.push(`${role} GET ${classification}: ${read.status}`);
      }
      if (mayRead && read.json.description !== `${marker} content`) {
        failures.push(`${role} GET ${classification}: description ${read.json.description}`);
      }
      const list = await api('GET', `${API}/assets?q=${marker}&include_total=true`, { token: tokens[role] });
      const listed = list.json.items.some((a) => a.id === asset.id);
      if (listed !== mayRead) failures.push(`${role} list ${classification}: listed=${listed}`);
      const write = await api('PATCH', `${API}/assets/${asset.id}`, {
        token: tokens[role], body: { business_function: `probe ${role}`, version: asset.version },
      });
      const mayWrite = WRITE[classification].includes(role);
      const expected = mayWrite ? [200, 409] : mayRead ? [403] : [404];
      if (!expected.includes(write.status)) {
        failures.push(`${role} PATCH ${classification}: ${write.status} (expected ${expected})`);
      }
      if (write.status === 200) asset.version = write.json.version;
    }
  }
  for (const role of ROLES) {
    const list = await api('GET', `${API}/assets?q=${marker}&include_total=true`, { token: tokens[role] });
    const visible = Object.keys(READ).filter((c) => READ[c].includes(role)).length;
    if (list.json.total !== visible) failures.push(`${role} total ${list.json.total} != ${visible}`);
  }
  assert.deepEqual(failures, []);
});
