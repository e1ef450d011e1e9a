/**
 * A scripted `window.dock` for the UI rendering benchmark only. The benchmark measures the
 * renderer (React + virtualized list) under a fixed load, so the bridge is synthetic on purpose:
 * engine and SQLite costs are measured by the session benchmark, and mixing them in here would
 * make frame times depend on the 2-core machine's other work. Every answer is contract-shaped.
 *
 * `installFakeBridge` runs inside the page (passed to page.addInitScript), so it is self-contained.
 */
export interface FakeBridgeOptions {
  rows: number
}

export function installFakeBridge(opts: FakeBridgeOptions): void {
  type Listener = (p: unknown) => void
  const listeners = new Map<string, Set<Listener>>()
  const emit = (name: string, payload: unknown) => listeners.get(name)?.forEach((l) => l(payload))
  const chars = '0123456789abcdefghijklmnopqrstuv'
  let seq = 0
  const devId = (n: number) => {
    let s = ''
    let x = n * 2654435761
    for (let i = 0; i < 20; i++) {
      s += chars[(x >>> 0) % 32]
      x = Math.imul(x ^ (x >>> 13), 1103515245) + i
    }
    return s
  }
  const t0 = Date.parse('2026-01-01T08:00:00Z')
  const summary = { kits: 0, devicesToClaim: 0, alreadyClaimed: 0, notFound: 0, duplicates: 0, pending: 0, invalid: 0, claimed: 0, failed: 0 }
  const session = {
    id: 'bench-session',
    organizationId: 'org1',
    projectId: 'proj1',
    projectName: 'Bench Warehouse',
    operator: 'bench',
    station: 'bench',
    reference: 'PO-BENCH',
    status: 'open',
    createdAt: new Date(t0).toISOString(),
    updatedAt: new Date(t0).toISOString(),
    summary
  }
  const makeItem = (n: number) => {
    seq = Math.max(seq, n + 1)
    const at = new Date(t0 + n * 50).toISOString()
    const base = { id: `item-${n}`, scannedAt: at, source: 'hid', scannerId: 'hid-1', result: null }
    if (n % 100 === 0) {
      summary.kits++
      const members = Array.from({ length: 25 }, (_, i) => ({
        deviceId: devId(n * 1000 + i),
        deviceType: 'temperature',
        productNumber: '102067',
        state: n % 300 === 0 && i < 4 ? 'claimed_elsewhere' : 'to_claim'
      }))
      const partial = members.some((m) => m.state === 'claimed_elsewhere')
      summary.devicesToClaim += members.filter((m) => m.state === 'to_claim').length
      return {
        ...base,
        kind: 'kit',
        identifier: `nl-25-temp-${String(n).padStart(5, '0')}`,
        state: 'to_claim',
        flags: partial ? [{ code: 'partial_kit', message: '4 of 25 devices are claimed elsewhere; 21 will be claimed.', guidance: ['Claim the remaining devices.'] }] : [],
        kit: { displayName: 'Temperature Kit, 25 sensors', total: 25, claimedCount: partial ? 4 : 0, sensors: 25, cloudConnectors: 0, members },
        device: null
      }
    }
    if (n % 97 === 0) {
      summary.notFound++
      return { ...base, kind: 'problem', identifier: devId(n), state: 'not_found', flags: [{ code: 'not_found', message: 'DT does not know this ID.', guidance: ['Check for typos.', 'Contact DT Support.'] }], kit: null, device: null }
    }
    summary.devicesToClaim++
    return { ...base, kind: 'device', identifier: devId(n), state: 'to_claim', flags: [], kit: null, device: { deviceType: 'temperature', productNumber: '102067', kitId: null } }
  }
  const items = Array.from({ length: opts.rows }, (_, i) => makeItem(i))
  const settings = {
    station: 'bench',
    trainingMode: true,
    apiUrl: 'http://127.0.0.1:1/v2',
    tokenUrl: 'http://127.0.0.1:1/oauth2/token',
    hasCredentials: false,
    credentialsEmail: null,
    feedback: { soundEnabled: true, volume: 0.2, flash: true, errorHold: false },
    wedge: { enabled: true, maxGapMs: 30, minLength: 8 },
    duplicatePolicy: 'session',
    chunkSize: 100,
    lastProject: {}
  }
  const answers: Record<string, () => unknown> = {
    'app.info': () => ({ version: 'bench', trainingMode: true, station: 'bench', apiUrl: settings.apiUrl, shell: 'test', auditChain: { ok: true, checked: 0, firstBadSeq: null, reason: null } }),
    'settings.get': () => settings,
    'dt.organizations': () => [{ id: 'org1', displayName: 'Bench Org' }],
    'dt.projects': () => [{ id: 'proj1', displayName: 'Bench Warehouse', organizationId: 'org1', inventory: false }],
    'session.list': () => [session],
    'session.get': () => ({ session: { ...session, summary: { ...summary } }, items }),
    'session.manifest': () => null,
    'scanners.list': () => [
      { id: 'hid-1', path: '/dev/hidraw0', vendorId: 0x0c2e, productId: 0x0b87, product: 'Voyager 1602g', state: 'connected', hint: null, scans: 0, droppedRepeats: 0 }
    ]
  }
  const w = globalThis as unknown as { dock: unknown; __bench: unknown }
  w.dock = {
    invoke: (channel: string) => {
      const a = answers[channel]
      return Promise.resolve(a ? { ok: true, value: a() } : { ok: false, error: { code: 'not_found', message: `${channel}: not in the bench bridge` } })
    },
    on: (name: string, l: Listener) => {
      let set = listeners.get(name)
      if (!set) listeners.set(name, (set = new Set()))
      set.add(l)
      return () => set.delete(l)
    }
  }
  let timer: ReturnType<typeof setInterval> | null = null
  w.__bench = {
    /** Emit one scan every `1000 / perSecond` ms: scan.outcome + session.changed, like the engine. */
    startScans(perSecond: number) {
      timer = setInterval(() => {
        const item = makeItem(seq)
        const now = new Date().toISOString()
        session.updatedAt = now
        emit('scan.outcome', {
          sessionId: session.id,
          at: now,
          source: 'hid',
          scannerId: 'hid-1',
          display: item.identifier,
          outcome: item.state === 'not_found' ? 'not_found' : 'ok',
          message: item.state === 'not_found' ? 'Not found at DT.' : 'Added.',
          guidance: [],
          itemId: item.id,
          durable: true
        })
        emit('session.changed', { session: { ...session, summary: { ...summary } }, upserts: [item], removed: [] })
      }, 1000 / perSecond)
    },
    stopScans() {
      if (timer !== null) clearInterval(timer)
    }
  }
}
