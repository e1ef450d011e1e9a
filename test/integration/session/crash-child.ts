/**
 * Child process for the crash tests: one engine on a SQLite file, talking to a simulator the
 * parent owns. It recovers (start), scans the payloads it is given, printing `ACK <payload>` only
 * after a durable outcome, then reviews and confirms the claim and waits for it. The parent
 * arms FAILPOINTS=<name>=kill@k or SIGKILLs it at a random time.
 * argv: <config.json>  {dbPath, exportDir, apiUrl, tokenUrl, keyId, secret, email, organizationId, projectId, payloads, chunkSize}
 */
import { readFileSync } from 'node:fs'
import type { Review, ScanOutcome, Session } from '../../../shared/contract'
import { startEngine } from './engine-harness'

interface Config {
  dbPath: string
  exportDir: string
  apiUrl: string
  tokenUrl: string
  keyId: string
  secret: string
  email: string
  organizationId: string
  projectId: string
  payloads: string[]
  chunkSize: number
}

async function main(): Promise<void> {
  const cfg = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as Config
  const sim = { url: cfg.apiUrl, tokenUrl: cfg.tokenUrl } as Parameters<typeof startEngine>[0]['sim']
  const e = await startEngine({
    dbPath: cfg.dbPath,
    exportDir: cfg.exportDir,
    sim,
    credentials: { keyId: cfg.keyId, secret: cfg.secret, email: cfg.email },
    client: { rateLimit: { max: 10_000, windowMs: 1000 }, backoff: { baseMs: 10, capMs: 50, minServerErrorMs: 10, minGatewayTimeoutMs: 10 } },
    settings: { chunkSize: cfg.chunkSize },
    tuning: { claim: { retryBaseMs: 10, maxTries: 20 } }
  })
  await e.service.idle() // recovery: unfinished batches reconciled and finished first
  let session = e.store.sessions.list()[0]
  if (!session) {
    const s = await e.call<Session>('session.start', { organizationId: cfg.organizationId, projectId: cfg.projectId, operator: 'crash', reference: null })
    session = e.store.sessions.require(s.id)
  }
  if (session.status === 'open') {
    for (const p of cfg.payloads) {
      const out = await e.call<ScanOutcome>('session.submitScan', { sessionId: session.id, payload: p, source: 'manual' })
      if (out.durable) process.stdout.write(`ACK ${p}\n`)
    }
    await e.service.idle()
    const review = await e.call<Review>('claim.review', { sessionId: session.id })
    if (review.blockedReason === null) {
      await e.call('claim.confirm', { sessionId: session.id, reviewId: review.reviewId, deviceCount: review.deviceCount })
      await e.service.idle()
    }
  }
  process.stdout.write('DONE\n')
  await e.close()
}

main().catch((err: unknown) => {
  process.stderr.write(`crash-child: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
  process.exitCode = 1
})
