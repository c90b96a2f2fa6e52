// Checks a run's record: every event's hash, the seq/prev chain, the signed head (truncation and
// forgery), and every referenced blob. Never throws: what is wrong comes back as problems.
import { TraceHeadSchema, type TraceEvent, type TraceHead, type VerifyProblem, type VerifyReport } from '../../shared/trace.ts';
import { blobRefs, eventHash, sha256Hex, type EventLine } from './chain.ts';
import { headSignatureValid, keyFingerprint } from './keys.ts';

export interface VerifyInput {
  run: string;
  lines: EventLine[];
  /** an unterminated last line */
  torn: { line: number } | null;
  /** undefined: no head; otherwise the head as read (checked here) */
  head: unknown;
  blob(hash: string): Promise<Uint8Array | undefined>;
  /** keys (base64 SPKI DER) a head must be signed by; without it the signer is reported, not judged */
  trustedKeys?: string[];
}

export async function verifyChain(input: VerifyInput): Promise<VerifyReport> {
  const problems: VerifyProblem[] = [];
  const events: TraceEvent[] = [];
  let expectedSeq = 0;
  let prev = '';
  for (const { line, event, error } of input.lines) {
    if (!event) {
      problems.push({ code: 'malformed_event', line, message: `line ${line} is ${error ?? 'not an event'}` });
      continue;
    }
    const where = { line, seq: event.seq };
    if (event.run !== input.run) problems.push({ code: 'wrong_run', ...where, message: `line ${line} belongs to run ${event.run}` });
    if (eventHash(event) !== event.hash) problems.push({ code: 'bad_hash', ...where, message: `event ${event.seq} (line ${line}, ${event.type}) was edited: its content does not give its hash` });
    if (event.seq !== expectedSeq) {
      const what = event.seq > expectedSeq ? `event${event.seq - expectedSeq > 1 ? 's' : ''} ${expectedSeq}${event.seq - expectedSeq > 1 ? `–${event.seq - 1}` : ''} missing (deleted or moved)` : 'an event out of order (moved or repeated)';
      problems.push({ code: 'bad_seq', ...where, message: `line ${line} has seq ${event.seq} where ${expectedSeq} was expected: ${what}` });
    } else if (event.prev !== prev) {
      problems.push({ code: 'bad_prev', ...where, message: `event ${event.seq} (line ${line}) does not link to the event before it` });
    }
    // go on from this event, so one break is reported once
    expectedSeq = event.seq + 1;
    prev = event.hash;
    events.push(event);
  }
  if (input.torn) problems.push({ code: 'truncated_line', line: input.torn.line, message: `line ${input.torn.line} is cut off (a crash while writing, or a cut file)` });

  for (const e of events) {
    for (const hash of blobRefs(e)) {
      const bytes = await input.blob(hash).catch(() => undefined);
      if (!bytes) problems.push({ code: 'missing_blob', seq: e.seq, message: `blob ${hash} of event ${e.seq} (${e.type}) is missing` });
      else if (sha256Hex(bytes) !== hash) problems.push({ code: 'bad_blob', seq: e.seq, message: `blob ${hash} of event ${e.seq} (${e.type}) was replaced: its content does not match its hash` });
    }
  }

  let head: VerifyReport['head'] = null;
  if (input.head === undefined) {
    problems.push({ code: 'no_head', message: 'no signed head: the run is still running or crashed before it finished, so a cut tail cannot be ruled out' });
  } else {
    const parsed = TraceHeadSchema.safeParse(input.head);
    if (!parsed.success) problems.push({ code: 'bad_head', message: 'the head is not a signed head' });
    else {
      const h = parsed.data;
      const trusted = input.trustedKeys?.includes(h.publicKey) ?? false;
      head = { outcome: h.outcome, signedAt: h.signedAt, count: h.count, signer: keyFingerprint(h.publicKey), trusted };
      problems.push(...checkHead(h, input, events, trusted));
    }
  }
  return { ok: problems.length === 0, run: input.run, events: events.length, finished: input.head !== undefined, head, problems };
}

function checkHead(h: TraceHead, input: VerifyInput, events: TraceEvent[], trusted: boolean): VerifyProblem[] {
  const problems: VerifyProblem[] = [];
  if (!headSignatureValid(h)) problems.push({ code: 'bad_signature', message: 'the head\'s signature does not verify: the head was forged or edited' });
  if (input.trustedKeys && !trusted) problems.push({ code: 'untrusted_key', message: `the head is signed by key ${keyFingerprint(h.publicKey)}, which is not trusted here` });
  if (h.run !== input.run) problems.push({ code: 'head_mismatch', message: `the head is of run ${h.run}` });
  const last = events.at(-1);
  if (h.count !== events.length) {
    problems.push({
      code: 'head_mismatch',
      message: h.count > events.length ? `the signed head says ${h.count} events but ${events.length} are there: the tail was cut or events deleted` : `the signed head says ${h.count} events but ${events.length} are there: events were added`,
    });
  } else if ((last?.hash ?? '') !== h.lastHash) {
    problems.push({ code: 'head_mismatch', seq: last?.seq, message: 'the last event is not the one the signed head names' });
  }
  return problems;
}
