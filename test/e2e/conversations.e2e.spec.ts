import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CASE_MESSAGE_ADDED } from '../../libs/platform/src/pubsub/channels.js';
import { fileLinkSecret, signLink } from '../../libs/platform/src/files/signed-link.js';
import { ConversationService } from '../../libs/conversations/src/index.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { WsSubscriber, listening, wsUrl } from '../helpers/ws-subscriber.js';
import { expectError } from '../helpers/expect-error.js';
import {
  APPLY,
  DECIDE,
  RESPOND,
  challengeInput,
  createListing,
  creditProductInput,
  loginAuthority,
  ok,
  publishListing,
  registerOrg,
  requestMatch,
  sql,
  type Org,
} from '../helpers/listing-fixtures.js';

const JWT_SECRET = 'test-secret-test-secret-test-secret-0123';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f6b2290000000049454e44ae426082', 'hex');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

const SEND_MR = `mutation($id: ID!, $i: CaseMessageInput!) { sendMatchRequestMessage(id: $id, input: $i) { id subjectType subjectId body senderOrganization { id } attachments { id filename contentType sizeBytes } } }`;
const SEND_APP = `mutation($id: ID!, $i: CaseMessageInput!) { sendChallengeApplicationMessage(id: $id, input: $i) { id body } }`;
const THREAD = `query($s: CaseSubject!, $id: ID!) { caseMessages(subject: $s, id: $id) { totalCount edges { node { id body attachments { id filename link { url expiresAt } } } } } }`;
// Priced per list (edges and lists cost ×20 each): contacts, messages and the timeline are asked for separately.
const RECEIVED = `{ matchRequests(role: RECEIVED, first: 1) { edges { node { id contacts { side contactName email fromOwnerAccount organization { id } } } } } }`;
const RECEIVED_MESSAGES = `{ matchRequests(role: RECEIVED, first: 1) { edges { node { messages(first: 10) { totalCount edges { node { body senderOrganization { id } } } } } } } }`;
const RECEIVED_TIMELINE = `{ matchRequests(role: RECEIVED, first: 1) { edges { node { timeline(first: 10) { entries { kind note } } } } } }`;

interface Upload { status: number; body: any }

describe('conversations on cases (issue 17 item 4)', () => {
  let app: TestApp;
  let base: string;
  let authority: string;
  let bank: Org;
  let enterprise: Org;
  let stranger: Org;
  let requestId: string;

  const upload = async (token: string | null, subject: string, caseId: string, filename: string, content: Buffer): Promise<Upload> => {
    const form = new FormData();
    form.append('subject', subject);
    form.append('caseId', caseId);
    form.append('file', new Blob([content]), filename);
    const res = await fetch(`${base}/attachments`, { method: 'POST', body: form, headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: res.status, body: await res.json() };
  };

  beforeAll(async () => {
    app = await startTestApp();
    base = app.url.replace(/\/graphql$/, '');
    authority = await loginAuthority(app);
    bank = await registerOrg(app, 'BANK', { verifyWith: authority });
    enterprise = await registerOrg(app, 'ENTERPRISE', { verifyWith: authority });
    stranger = await registerOrg(app, 'ENTERPRISE', { verifyWith: authority });
    const { id } = await createListing(app, bank.token, 'CREDIT_PRODUCT', { overrides: creditProductInput({ title: '留言测试知识产权质押贷' }) });
    await publishListing(app, bank.token, id);
    requestId = await requestMatch(app, enterprise.token, id, false, '希望了解贷款额度');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('uploads: sniffed content, bounded size and type; a lying extension, a forbidden type and strangers are refused', async () => {
    const lying = await upload(enterprise.token, 'MATCH_REQUEST', requestId, '审计报告.pdf', PNG);
    expect(lying.status).toBe(400);
    expect(lying.body.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file' });
    expect(lying.body.error.message).toMatch(/文件内容与扩展名不符：扩展名为 \.pdf（PDF 文档），内容实为PNG 图片/);

    const exe = await upload(enterprise.token, 'MATCH_REQUEST', requestId, 'setup.exe', Buffer.from('MZ\x90\x00'));
    expect(exe.status).toBe(400);
    expect(exe.body.error.message).toMatch(/不支持的附件类型 \.exe/);

    const big = await upload(enterprise.token, 'MATCH_REQUEST', requestId, 'big.pdf', Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]));
    expect(big.status).toBe(400);
    expect(big.body.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file', limit: 'fileSize' });

    // A third party: the same NOT_FOUND as for an id that does not exist.
    const foreign = await upload(stranger.token, 'MATCH_REQUEST', requestId, 'x.pdf', PDF);
    const unknown = await upload(stranger.token, 'MATCH_REQUEST', '00000000-0000-4000-8000-000000000000', 'x.pdf', PDF);
    expect(foreign.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(foreign.body.error.message).toBe(unknown.body.error.message.replace('00000000-0000-4000-8000-000000000000', requestId));
    expect((await upload(null, 'MATCH_REQUEST', requestId, 'x.pdf', PDF)).status).toBe(401);
    expect((await upload(authority, 'MATCH_REQUEST', requestId, 'x.pdf', PDF)).status).toBe(403);
    expect(await sql(app, 'SELECT count(*)::int AS n FROM case_attachments')).toEqual([{ n: 0 }]);
  });

  it('a message with an attachment reaches the other side live, is readable by both sides and the AUTHORITY only, and notifies', async () => {
    const query = 'subscription { caseMessageAdded { id subjectType subjectId body senderOrganization { id } } }';
    const bankSide = new WsSubscriber<any>(wsUrl(app), { authorization: `Bearer ${bank.token}` }, query, 'caseMessageAdded');
    const strangerSide = new WsSubscriber<any>(wsUrl(app), { authorization: `Bearer ${stranger.token}` }, query, 'caseMessageAdded');
    try {
      await listening(app, CASE_MESSAGE_ADDED, 2);
      const up = await upload(enterprise.token, 'MATCH_REQUEST', requestId, '营业执照.pdf', PDF);
      expect(up.status).toBe(201);
      expect(up.body).toMatchObject({ filename: '营业执照.pdf', contentType: 'application/pdf', sizeBytes: PDF.length });

      // Refusals first: nothing is written by any of them.
      expectError(await app.gql(SEND_MR, { id: requestId, i: { body: '你好' } }, stranger.token), 'NOT_FOUND', 'id');
      expectError(await app.gql(SEND_MR, { id: requestId, i: { body: '你好' } }, authority), 'FORBIDDEN');
      expectError(await app.gql(SEND_MR, { id: requestId, i: { body: '长'.repeat(2001) } }, enterprise.token), 'BAD_USER_INPUT', 'input.body');
      expectError(await app.gql(SEND_MR, { id: requestId, i: { body: '   ' } }, enterprise.token), 'BAD_USER_INPUT', 'input.body');
      // The bank cannot send the enterprise's upload.
      expectError(await app.gql(SEND_MR, { id: requestId, i: { body: '转发', attachmentIds: [up.body.id] } }, bank.token), 'BAD_USER_INPUT', 'input.attachmentIds');
      expect(await sql(app, 'SELECT count(*)::int AS n FROM case_messages')).toEqual([{ n: 0 }]);

      const sent = ok(await app.gql(SEND_MR, { id: requestId, i: { body: '附上营业执照，请查收', attachmentIds: [up.body.id] } }, enterprise.token), 'sendMatchRequestMessage');
      expect(sent).toMatchObject({ subjectType: 'MATCH_REQUEST', subjectId: requestId, body: '附上营业执照，请查收', senderOrganization: { id: enterprise.organizationId } });
      expect(sent.attachments).toEqual([{ id: up.body.id, filename: '营业执照.pdf', contentType: 'application/pdf', sizeBytes: PDF.length }]);
      // Sent once: a second message cannot take the same attachment (and nothing half-written).
      expectError(await app.gql(SEND_MR, { id: requestId, i: { body: '再发一次', attachmentIds: [up.body.id] } }, enterprise.token), 'BAD_USER_INPUT', 'input.attachmentIds');
      expect(await sql(app, 'SELECT count(*)::int AS n FROM case_messages')).toEqual([{ n: 1 }]);

      const live = await bankSide.until(() => bankSide.received.find((m) => m.id === sent.id), 'the message on the bank side');
      expect(live).toEqual({ id: sent.id, subjectType: 'MATCH_REQUEST', subjectId: requestId, body: '附上营业执照，请查收', senderOrganization: { id: enterprise.organizationId } });
      await app.drain();
      expect(strangerSide.received).toEqual([]);
    } finally {
      await bankSide.dispose();
      await strangerSide.dispose();
    }

    // The bank reads it on the request; contacts stay hidden until accepted; the timeline has an excerpt.
    expect(ok(await app.gql(RECEIVED, {}, bank.token), 'matchRequests').edges[0].node.contacts).toBeNull();
    const received = ok(await app.gql(RECEIVED_MESSAGES, {}, bank.token), 'matchRequests').edges[0].node;
    expect(received.messages.totalCount).toBe(1);
    const timeline = ok(await app.gql(RECEIVED_TIMELINE, {}, bank.token), 'matchRequests').edges[0].node.timeline;
    expect(timeline.entries).toContainEqual({ kind: 'MESSAGE', note: '附上营业执照，请查收' });
    const thread = ok(await app.gql(THREAD, { s: 'MATCH_REQUEST', id: requestId }, bank.token), 'caseMessages');
    const link: string = thread.edges[0].node.attachments[0].link.url;
    const got = await fetch(`${base}${link}`);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await got.arrayBuffer()).equals(PDF)).toBe(true);

    // The AUTHORITY reads the conversation; a third party is told it does not exist.
    const asAuthority = ok(await app.gql(THREAD, { s: 'MATCH_REQUEST', id: requestId }, authority), 'caseMessages');
    expect(asAuthority.totalCount).toBe(1);
    expect((await fetch(`${base}${asAuthority.edges[0].node.attachments[0].link.url}`)).status).toBe(200);
    expectError(await app.gql(THREAD, { s: 'MATCH_REQUEST', id: requestId }, stranger.token), 'NOT_FOUND', 'id');

    // The bank was notified (first words, count of files; never a file's content).
    const notes = ok(await app.gql('{ notifications { kind title body target { __typename } } }', {}, bank.token), 'notifications');
    expect(notes).toContainEqual(expect.objectContaining({ kind: 'case-message.sent', title: '新留言：留言测试知识产权质押贷' }));
    expect(notes.find((n: any) => n.kind === 'case-message.sent').body).toMatch(/附上营业执照，请查收（附件 1 个）/);

    // Accepted: both sides' contacts appear (the owner accounts stand in: no contact fields were filled in).
    ok(await app.gql(RESPOND, { id: requestId, accept: true, m: '欢迎来行详谈' }, bank.token), 'respondToMatchRequest');
    const accepted = ok(await app.gql(RECEIVED, {}, bank.token), 'matchRequests').edges[0].node;
    expect(accepted.contacts).toEqual([
      { side: 'REQUESTER', contactName: expect.any(String), email: enterprise.email, fromOwnerAccount: true, organization: { id: enterprise.organizationId } },
      { side: 'RECEIVER', contactName: expect.any(String), email: bank.email, fromOwnerAccount: true, organization: { id: bank.organizationId } },
    ]);

    // Completed: the conversation stays readable but takes no more messages or uploads.
    ok(await app.gql(`mutation($id: ID!) { completeMatchRequest(id: $id, outcome: SUCCESS) { id } }`, { id: requestId }, enterprise.token), 'completeMatchRequest');
    expectError(await app.gql(SEND_MR, { id: requestId, i: { body: '谢谢合作' } }, bank.token), 'CONFLICT', 'id');
    expect((await upload(bank.token, 'MATCH_REQUEST', requestId, 'x.pdf', PDF)).body.error.code).toBe('CONFLICT');
    expect(ok(await app.gql(THREAD, { s: 'MATCH_REQUEST', id: requestId }, bank.token), 'caseMessages').totalCount).toBe(1);
  });

  it('links: a tampered, expired or foreign-id link is 403, the same answer whatever the id', async () => {
    const [{ id }] = await sql(app, 'SELECT id FROM case_attachments LIMIT 1');
    const secret = fileLinkSecret({ files: { linkSecret: undefined }, jwtSecret: JWT_SECRET });
    const now = Math.floor(Date.now() / 1000);
    const valid = `/attachments/${id}?expires=${now + 600}&sig=${signLink(secret, id, now + 600)}`;
    expect((await fetch(`${base}${valid}`)).status).toBe(200);
    // Signed with a past expiry (the clock is not waited for).
    const expired = await fetch(`${base}/attachments/${id}?expires=${now - 1}&sig=${signLink(secret, id, now - 1)}`);
    expect(expired.status).toBe(403);
    const tampered = await fetch(`${base}/attachments/${id}?expires=${now + 99999}&sig=${signLink(secret, id, now + 600)}`);
    expect(tampered.status).toBe(403);
    const forged = await fetch(`${base}/attachments/00000000-0000-4000-8000-000000000000?expires=${now + 600}&sig=${signLink('x'.repeat(40), id, now + 600)}`);
    expect(forged.status).toBe(403);
    expect(await forged.json()).toEqual(await expired.json());
  });

  it('揭榜: applicant and anchor talk on the application; abandoned uploads are purged', async () => {
    const anchor = await registerOrg(app, 'ANCHOR_ENTERPRISE', { verifyWith: authority });
    const { id: challengeId } = await createListing(app, anchor.token, 'CHALLENGE', { overrides: challengeInput() });
    await publishListing(app, anchor.token, challengeId);
    const application = ok(await app.gql(APPLY, { i: { challengeId, proposal: '采用新型柔轮材料的谐波减速器方案。', quote: 2_500_000 } }, enterprise.token), 'applyToChallenge');
    ok(await app.gql(SEND_APP, { id: application.id, i: { body: '方案细节可进一步沟通' } }, enterprise.token), 'sendChallengeApplicationMessage');
    expectError(await app.gql(SEND_APP, { id: application.id, i: { body: '我也想说' } }, stranger.token), 'NOT_FOUND', 'id');
    const read = ok(
      await app.gql('query($id: ID!) { challengeApplication(id: $id) { contacts { side } messages { totalCount edges { node { body } } } } }', { id: application.id }, anchor.token),
      'challengeApplication',
    );
    expect(read).toEqual({ contacts: null, messages: { totalCount: 1, edges: [{ node: { body: '方案细节可进一步沟通' } }] } });
    ok(await app.gql(DECIDE, { id: application.id, d: 'SHORTLIST' }, anchor.token), 'decideChallengeApplication');
    ok(await app.gql(DECIDE, { id: application.id, d: 'ACCEPT' }, anchor.token), 'decideChallengeApplication');
    const accepted = ok(await app.gql('query($id: ID!) { challengeApplication(id: $id) { contacts { side } } }', { id: application.id }, enterprise.token), 'challengeApplication');
    expect(accepted.contacts).toEqual([{ side: 'REQUESTER' }, { side: 'RECEIVER' }]);

    // An upload never sent: purged (row and bytes) once older than a day; a fresh one stays.
    const up = await upload(anchor.token, 'CHALLENGE_APPLICATION', application.id, '检测报告.png', PNG);
    const fresh = await upload(anchor.token, 'CHALLENGE_APPLICATION', application.id, '检测报告2.png', PNG);
    expect([up.status, fresh.status]).toEqual([201, 201]);
    await sql(app, "UPDATE case_attachments SET created_at = now() - interval '25 hours' WHERE id = $1", [up.body.id]);
    const purged = await app.started.app.get(ConversationService).purgeAbandonedUploads();
    expect(purged).toBe(1);
    expect(await sql(app, 'SELECT id FROM case_attachments WHERE id = ANY($1::uuid[])', [[up.body.id, fresh.body.id]])).toEqual([{ id: fresh.body.id }]);
    expect(await app.started.runtime.files.stat(`attachments/${up.body.id}`)).toBeNull();
    expect(await app.started.runtime.files.stat(`attachments/${fresh.body.id}`)).toEqual({ size: PNG.length, contentType: 'image/png' });
  });
});
